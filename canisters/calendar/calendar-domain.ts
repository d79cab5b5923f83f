import { definePlugin } from '../../core/index.ts';
import { SUBSCRIPTION_SETTINGS } from '../../plugins/subscriptions/index.ts';
import { CalendarEndpoints } from './calendar-endpoints.ts';
import type { CalendarRecord, EventRecord, ShareRecord, UserSettings } from './calendar-model.ts';
import { CalendarService, CALENDAR_SERVICE } from './calendar-service.ts';
import { CALENDAR_INDEXES } from './calendar-stores.ts';
import { EventEndpoints } from './event-endpoints.ts';
import { MoveEndpoints } from './move-endpoints.ts';
import { FeedTokenEndpoints } from './feed-token-endpoints.ts';
import type { FeedTokenRecord } from './feed-tokens.ts';
import { REMINDER_SYNC, ReminderSync, ReminderSyncEndpoints } from './reminder-sync.ts';
import { SubscriptionEndpoints } from './subscription-endpoints.ts';
import { SUBSCRIPTION_INDEXES } from './subscription-book.ts';
import { SUBSCRIPTION_LIMITS, type SubscriptionRecord } from './subscription-model.ts';
import { SystemEndpoints } from './system-endpoints.ts';
import type { MoveRecord } from './user-moves.ts';

/** The calendar canister's stores, services and endpoints, composed after the YAML plugins. */
export const calendarDomain = definePlugin({
  name: 'calendar',
  dependsOn: ['auth'],
  endpoints: [
    CalendarEndpoints,
    EventEndpoints,
    FeedTokenEndpoints,
    SystemEndpoints,
    ReminderSyncEndpoints,
    MoveEndpoints,
    SubscriptionEndpoints,
  ],
  setup(ctx) {
    const stores = {
      calendars: ctx.store<CalendarRecord>({
        name: 'calendars',
        indexes: CALENDAR_INDEXES.calendars,
      }),
      shares: ctx.store<ShareRecord>({ name: 'shares', indexes: CALENDAR_INDEXES.shares }),
      events: ctx.store<EventRecord>({ name: 'events', indexes: CALENDAR_INDEXES.events }),
      uids: ctx.store<string>({ name: 'uids' }),
      settings: ctx.store<UserSettings>({ name: 'settings' }),
      meta: ctx.store<string | number>({ name: 'meta' }),
      moves: ctx.store<MoveRecord>({ name: 'moves' }),
      feedTokens: ctx.store<FeedTokenRecord>({ name: 'feed-tokens' }),
      subscriptions: ctx.store<SubscriptionRecord>({
        name: 'subscriptions',
        indexes: SUBSCRIPTION_INDEXES,
      }),
    };
    const reminders = new ReminderSync(
      ctx.platform,
      stores.events,
      stores.meta,
      ctx.store({ name: 'reminder-outbox' }),
    );
    ctx.provide(REMINDER_SYNC, reminders);
    ctx.timer({ name: 'reminder-sync', everySeconds: 60, run: () => reminders.flush() });
    const refreshSeconds =
      ctx.resolveOptional(SUBSCRIPTION_SETTINGS)?.refreshSeconds ??
      SUBSCRIPTION_LIMITS.defaultRefreshSeconds;
    const service = new CalendarService(
      { ...stores, reminders },
      () => ctx.platform.time(),
      ctx.platform,
      refreshSeconds,
    );
    ctx.provide(CALENDAR_SERVICE, service);
    // Looks for due feeds every minute (or each interval, when shorter); re-armed after upgrades.
    ctx.timer({
      name: 'subscription-refresh',
      everySeconds: Math.min(refreshSeconds, SUBSCRIPTION_LIMITS.checkEverySeconds),
      run: async () => {
        await service.subscriptionRefresher.runDue();
      },
    });
  },
});
