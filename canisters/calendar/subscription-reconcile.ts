import { CanisterError } from '../../core/index.ts';
import type { CalendarBook } from './calendar-book.ts';
import { CALENDAR_LIMITS, calendarNumberOf, type EventRecord } from './calendar-model.ts';
import type { CalendarEvent, RejectedComponent } from './domain/index.ts';
import type { EventBook } from './event-book.ts';
import { contentOf } from './ics-transfer.ts';
import type { FeedChange } from './subscription-model.ts';

/** What a feed asks of its calendar, decided before anything is written. */
export interface FeedPlan {
  create: CalendarEvent[];
  update: { record: EventRecord; event: CalendarEvent }[];
  remove: EventRecord[];
  unchanged: number;
  skipped: number;
}

/** The import skips a STATUS:CANCELLED VEVENT: for a feed that means the source removed it. */
const cancelled = (r: RejectedComponent) => /STATUS:CANCELLED/.test(r.reason);

/**
 * Matches the feed's events to the calendar's by UID: a new UID is created, a changed one
 * updated, and a UID the feed no longer holds deleted. A UID whose VEVENT the feed holds but the
 * import refused keeps its event as it was (the source still has it), unless the VEVENT says
 * STATUS:CANCELLED.
 */
export function planFeed(
  stored: EventRecord[],
  feed: CalendarEvent[],
  rejected: RejectedComponent[],
): FeedPlan {
  const incoming = new Map<string, CalendarEvent>();
  for (const event of feed) incoming.set(event.uid, event);
  const kept = new Set(
    rejected
      .filter((r) => !cancelled(r))
      .map((r) => r.uid)
      .filter((uid) => uid !== undefined),
  );
  const byUid = new Map(stored.map((record) => [record.event.uid, record]));
  const plan: FeedPlan = {
    create: [],
    update: [],
    remove: [],
    unchanged: 0,
    skipped: rejected.length,
  };
  for (const [uid, event] of incoming) {
    const record = byUid.get(uid);
    if (record === undefined) plan.create.push(event);
    else if (contentOf(record.event) === contentOf(event)) plan.unchanged++;
    else plan.update.push({ record, event });
  }
  for (const record of stored) {
    const uid = record.event.uid;
    if (!incoming.has(uid) && !kept.has(uid)) plan.remove.push(record);
  }
  return plan;
}

/** Applies a feed to a calendar: every check runs before the first write. */
export function applyFeed(
  calendars: CalendarBook,
  events: EventBook,
  calendarId: string,
  feed: CalendarEvent[],
  rejected: RejectedComponent[],
): FeedChange {
  const stored = events.eventStore.ofCalendar(
    calendarNumberOf(calendarId),
    CALENDAR_LIMITS.eventsPerCalendar,
  );
  const plan = planFeed(stored, feed, rejected);
  const total = stored.length - plan.remove.length + plan.create.length;
  if (total > CALENDAR_LIMITS.eventsPerCalendar)
    throw new CanisterError('CALENDAR_LIMIT', 'the feed holds more events than a calendar may', {
      expected: `at most ${CALENDAR_LIMITS.eventsPerCalendar}`,
      found: String(total),
    });
  const current = () => calendars.get(calendarId)!;
  if (plan.remove.length > 0) {
    for (const record of plan.remove) events.eventStore.remove(record);
    const calendar = current();
    calendars.touch({
      ...calendar,
      eventCount: Math.max(0, calendar.eventCount - plan.remove.length),
    });
  }
  for (const { record, event } of plan.update) events.replace(current(), record, event);
  if (plan.create.length > 0)
    events.insertMany(
      current(),
      plan.create.map((event) => ({ event, uid: event.uid })),
    );
  return {
    created: plan.create.length,
    updated: plan.update.length,
    deleted: plan.remove.length,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
  };
}
