/**
 * Package entry `icp-calendar/web-components`: the elements, the data contract, the in-memory source and the
 * calendar canister client (with its shipped bindings).
 */
export { IcpCalendar } from './components/icp-calendar.ts';
export { IcpCalendarToolbar } from './components/icp-calendar-toolbar.ts';
export { IcpMonthGrid } from './components/icp-month-grid.ts';
export { IcpTimeGrid } from './components/icp-time-grid.ts';
export { IcpAgendaList } from './components/icp-agenda-list.ts';
export { IcpEventDialog } from './components/icp-event-dialog.ts';
export { IcpScopeDialog } from './components/icp-scope-dialog.ts';
export { IcpSignIn } from './components/icp-sign-in.ts';
export { IcpNotificationBell } from './components/icp-notification-bell.ts';
export type { RenderContext } from './components/render-context.ts';
export * from './client/calendar-source.ts';
export { CalendarStore, type StoreState, type LoadStatus } from './client/calendar-store.ts';
export { MemoryCalendarSource, type MemorySourceOptions } from './client/memory-calendar-source.ts';
export {
  MemoryNotificationSource,
  type NotificationItem,
  type NotificationSource,
} from './client/notification-source.ts';
export {
  CanisterNotificationSource,
  type NotificationActor,
} from './client/canister-notification-source.ts';
export type { PlainEvent } from './client/static-events.ts';
export { CanisterCalendarSource, type CalendarActor } from './client/canister-calendar-source.ts';
export {
  connectCalendarCanister,
  CanisterConnection,
  type CalendarService,
  type CanisterConnectionOptions,
} from './client/canister-connection.ts';
export { IC_HOST, createCalendarAgent, isLocalHost } from './client/calendar-agent.ts';
export {
  connectThroughLoadBalancer,
  resolveShard,
  type ShardRouteOptions,
} from './client/shard-route.ts';
export type { IdentityProvider } from './auth/identity-provider.ts';
export { DevIdentityProvider } from './auth/dev-identity-provider.ts';
export { InternetIdentityProvider } from './auth/internet-identity-provider.ts';
export type { AuthClientLike, InternetIdentityOptions } from './auth/internet-identity-provider.ts';
export type { CalendarView } from './a11y/grid-keyboard.ts';
