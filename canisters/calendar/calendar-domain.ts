import { definePlugin } from '../../core/index.ts';
import { CalendarEndpoints } from './calendar-endpoints.ts';
import type { CalendarRecord, EventRecord, ShareRecord, UserSettings } from './calendar-model.ts';
import { CalendarService, CALENDAR_SERVICE } from './calendar-service.ts';
import { CALENDAR_INDEXES } from './calendar-stores.ts';
import { EventEndpoints } from './event-endpoints.ts';
import { MoveEndpoints } from './move-endpoints.ts';
import { FeedTokenEndpoints } from './feed-token-endpoints.ts';
import type { FeedTokenRecord } from './feed-tokens.ts';
import { REMINDER_SYNC, ReminderSync, ReminderSyncEndpoints } from './reminder-sync.ts';
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
    };
    const reminders = new ReminderSync(
      ctx.platform,
      stores.events,
      stores.meta,
      ctx.store({ name: 'reminder-outbox' }),
    );
    ctx.provide(REMINDER_SYNC, reminders);
    ctx.timer({ name: 'reminder-sync', everySeconds: 60, run: () => reminders.flush() });
    ctx.provide(
      CALENDAR_SERVICE,
      new CalendarService({ ...stores, reminders }, () => ctx.platform.time()),
    );
  },
});
