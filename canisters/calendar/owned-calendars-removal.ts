import { CALENDAR_LIMITS, calendarNumberOf, shareKey } from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import type { EventStore } from './event-store.ts';

export interface RemovalProgress {
  calendars: number;
  events: number;
  /** false: the budget ran out, call again */
  done: boolean;
}

/**
 * Removes up to `budget` events of `owner`'s calendars, then each emptied calendar with its
 * shares, so one call fits one message. Used when a user is erased and when their data has moved
 * to another shard (or a copy of it is discarded).
 */
export function removeOwnedCalendars(
  stores: CalendarStores,
  events: EventStore,
  owner: string,
  budget: number = CALENDAR_LIMITS.eraseBatch,
): RemovalProgress {
  const progress: RemovalProgress = { calendars: 0, events: 0, done: false };
  let left = budget;
  for (const [id, calendar] of stores.calendars.findBy('owner', owner, undefined, 100).entries) {
    const batch = events.ofCalendar(calendarNumberOf(String(id)), left);
    for (const record of batch) events.remove(record);
    progress.events += batch.length;
    left -= batch.length;
    if (left <= 0) return progress;
    for (const share of calendar.shares)
      stores.shares.delete(shareKey(share.principal, String(id)));
    stores.calendars.delete(id);
    stores.subscriptions.delete(id);
    progress.calendars++;
  }
  progress.done = stores.calendars.findBy('owner', owner, undefined, 1).entries.length === 0;
  return progress;
}
