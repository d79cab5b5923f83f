import { buildModules, type BuiltModule } from '../calendar/build-calendar-canisters.ts';

type Name = 'notification' | 'calendar' | 'registry';

/** Test support: builds the notification canister (and calendar, registry) like `icp-calendar build`. */
export function buildNotificationCanisters(
  names: Name[] = ['notification', 'calendar', 'registry'],
): Promise<Record<Name, BuiltModule>> {
  return buildModules(names);
}
