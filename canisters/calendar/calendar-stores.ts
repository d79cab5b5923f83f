import type { StableStore } from '../../core/index.ts';
import type { CalendarRecord, EventRecord, ShareRecord, UserSettings } from './calendar-model.ts';
import type { MoveStore } from './user-moves.ts';
import type { FeedTokenRecord } from './feed-tokens.ts';
import type { SubscriptionRecord } from './subscription-model.ts';

/** The calendar canister's stable stores (declared in calendar-domain.ts). */
export interface CalendarStores {
  calendars: StableStore<CalendarRecord>;
  shares: StableStore<ShareRecord>;
  events: StableStore<EventRecord>;
  /** `<calendar number>/<UID>` → event id (import is idempotent by UID) */
  uids: StableStore<string>;
  settings: StableStore<UserSettings>;
  /** counters and settings: `calendar-counter`, `user-registry` */
  meta: StableStore<string | number>;
  /** users whose data moves to or from another shard (user-moves.ts) */
  moves: MoveStore;
  /** calendar id → hash of its secret feed token (feed-tokens.ts) */
  feedTokens: StableStore<FeedTokenRecord>;
  /** calendar id → its subscription to an external .ics feed (subscription-book.ts) */
  subscriptions: StableStore<SubscriptionRecord>;
  /** told of every event write and erased user (reminder-sync.ts) */
  reminders?: ReminderListener;
}

export interface ReminderListener {
  changed(id: string, after: EventRecord | undefined): void;
  userErased(user: string): void;
}

/** Index declarations: each range query reads O(log n + k) index entries. */
export const CALENDAR_INDEXES = {
  calendars: {
    owner: (c: CalendarRecord) => c.owner,
    public: (c: CalendarRecord) => (c.visibility === 'public' ? c.id : undefined),
  },
  shares: {
    grantee: (s: ShareRecord) => s.grantee,
    calendar: (s: ShareRecord) => s.calendarId,
  },
  events: {
    /** short single events by (calendar, start) */
    single_start: (e: EventRecord) =>
      e.kind === 'single' ? [e.calendarNumber, e.startMs] : undefined,
    /** series and long events by (calendar, span end) */
    series_end: (e: EventRecord) => (e.kind === 'series' ? [e.calendarNumber, e.endMs] : undefined),
  },
} as const;
