import { CanisterError } from '../../core/index.ts';
import type { CalendarBook } from './calendar-book.ts';
import {
  CALENDAR_LIMITS,
  calendarNumberOf,
  type CalendarRecord,
  type EventRecord,
} from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { domainCall, localTimeToUtcMs } from './domain-bridge.ts';
import {
  type CalendarEvent,
  type EventInput,
  type EventOverride,
  expandEventOccurrences,
  validateEventInput,
  validateOverride,
} from './domain/index.ts';
import { eventSpan } from './event-span.ts';
import { EventStore } from './event-store.ts';
import { continuedRule, untilBefore } from './series-split.ts';

type NewEvent = Omit<CalendarEvent, 'uid' | 'sequence'> & { sequence?: number };

export type DeleteScope =
  | { kind: 'all' }
  | { kind: 'occurrence'; recurrenceId: string }
  | { kind: 'following'; recurrenceId: string };

/** An event as written by a client: the domain's input plus its per-instance overrides. */
export interface EventDraft extends EventInput {
  overrides: EventOverride[];
}

/** Validates a draft and returns the normalised event (uid, sequence and times set by the caller). */
export function normaliseDraft(draft: EventDraft): Omit<CalendarEvent, 'uid' | 'sequence'> {
  const { overrides, ...input } = draft;
  if (overrides.length > 1_000) {
    throw new CanisterError('EVENT_INVALID', 'too many overrides', { expected: 'at most 1000' });
  }
  const valid = domainCall(() => validateEventInput(input));
  const checked = overrides.map((o) => domainCall(() => validateOverride(valid, o)));
  return { ...valid, overrides: checked };
}

/** Events of calendars: create, read, update with optimistic concurrency, delete (whole or partly). */
export class EventBook {
  constructor(
    private readonly stores: CalendarStores,
    private readonly calendars: CalendarBook,
    private readonly now: () => bigint,
  ) {
    this.eventStore = new EventStore(stores);
  }

  readonly eventStore: EventStore;

  create(who: string, calendarId: string, draft: EventDraft): EventRecord {
    const calendar = this.calendars.requireEditable(who, calendarId);
    const event = normaliseDraft(draft);
    return this.insert(calendar, event, undefined);
  }

  /** Writes one new event into `calendar`; `uid` defaults to a generated one. */
  insert(calendar: CalendarRecord, event: NewEvent, uid: string | undefined): EventRecord {
    return this.insertMany(calendar, [{ event, uid }])[0]!;
  }

  /** Writes new events and then the calendar once (numbers, count, revision): import's path. */
  insertMany(
    calendar: CalendarRecord,
    items: { event: NewEvent; uid: string | undefined }[],
  ): EventRecord[] {
    if (calendar.eventCount + items.length > CALENDAR_LIMITS.eventsPerCalendar) {
      throw new CanisterError(
        'CALENDAR_LIMIT',
        'the calendar would hold more events than allowed',
        {
          expected: `at most ${CALENDAR_LIMITS.eventsPerCalendar}`,
          found: String(calendar.eventCount + items.length),
        },
      );
    }
    const now = this.now();
    const nowMs = Number(now / 1_000_000n);
    const calendarNumber = calendarNumberOf(calendar.id);
    let next = calendar;
    const written = items.map(({ event, uid }) => {
      const numbered = this.calendars.nextEventId(next);
      next = numbered.calendar;
      const full: CalendarEvent = {
        ...event,
        uid: uid ?? `${numbered.id}.${calendar.id}@icp-calendar`,
        sequence: event.sequence ?? 0,
        created: nowMs,
        lastModified: nowMs,
      };
      const record: EventRecord = {
        id: numbered.id,
        calendarId: calendar.id,
        calendarNumber,
        owner: calendar.owner,
        event: full,
        ...domainCall(() => eventSpan(full)),
        createdAt: now,
        updatedAt: now,
      };
      this.eventStore.put(record);
      return record;
    });
    this.calendars.touch({ ...next, eventCount: next.eventCount + items.length });
    return written;
  }

  get(who: string, id: string): EventRecord {
    const record = this.eventStore.get(id);
    if (record === undefined || this.calendars.get(record.calendarId) === undefined) {
      throw new CanisterError('EVENT_NOT_FOUND', `no event '${id.slice(0, 120)}'`);
    }
    try {
      this.calendars.requireReadable(who, record.calendarId);
    } catch {
      throw new CanisterError('EVENT_NOT_FOUND', `no event '${id.slice(0, 120)}'`);
    }
    return record;
  }

  update(who: string, id: string, expectedSequence: number, draft: EventDraft): EventRecord {
    const record = this.get(who, id);
    const calendar = this.calendars.requireEditable(who, record.calendarId);
    this.checkSequence(record, expectedSequence);
    const event = normaliseDraft(draft);
    return this.replace(calendar, record, { ...event, uid: record.event.uid });
  }

  /** Stores a new version of an event: sequence + 1, span recomputed, calendar revision bumped. */
  replace(
    calendar: CalendarRecord,
    record: EventRecord,
    event: Omit<CalendarEvent, 'sequence'> & { sequence?: number },
  ): EventRecord {
    const now = this.now();
    const full: CalendarEvent = {
      ...event,
      sequence: Math.max(record.event.sequence + 1, event.sequence ?? 0),
      ...(record.event.created === undefined ? {} : { created: record.event.created }),
      lastModified: Number(now / 1_000_000n),
    };
    const updated: EventRecord = {
      ...record,
      event: full,
      ...domainCall(() => eventSpan(full)),
      updatedAt: now,
    };
    this.eventStore.put(updated);
    this.calendars.touch(calendar);
    return updated;
  }

  /** Deletes the whole event or part of a series; returns what is left (undefined: nothing). */
  delete(
    who: string,
    id: string,
    scope: DeleteScope,
    expectedSequence?: number,
  ): EventRecord | undefined {
    const record = this.get(who, id);
    const calendar = this.calendars.requireEditable(who, record.calendarId);
    if (expectedSequence !== undefined) this.checkSequence(record, expectedSequence);
    if (scope.kind === 'all') return this.remove(calendar, record);
    const event = record.event;
    if (event.rrule === undefined && (event.rdates?.length ?? 0) === 0) {
      throw new CanisterError('OCCURRENCE_NOT_FOUND', 'the event does not recur; delete it whole', {
        expected: "scope 'all'",
      });
    }
    const recurrenceId = domainCall(() =>
      validateOverride(event, { recurrenceId: scope.recurrenceId }),
    ).recurrenceId;
    this.requireInstance(event, recurrenceId);
    if (scope.kind === 'occurrence') {
      const exdates = [...new Set([...(event.exdates ?? []), recurrenceId])];
      const overrides = event.overrides.filter((o) => o.recurrenceId !== recurrenceId);
      return this.replace(calendar, record, { ...event, exdates, overrides });
    }
    const cut = localTimeToUtcMs(recurrenceId, event.allDay, event.timeZone);
    if (cut <= localTimeToUtcMs(event.start, event.allDay, event.timeZone))
      return this.remove(calendar, record);
    const before = (t: string) => localTimeToUtcMs(t, event.allDay, event.timeZone) < cut;
    const trimmed: CalendarEvent = {
      ...event,
      ...(event.rrule === undefined
        ? {}
        : { rrule: untilBefore(event.rrule, recurrenceId, event.allDay, event.timeZone) }),
      exdates: (event.exdates ?? []).filter(before),
      rdates: (event.rdates ?? []).filter(before),
      overrides: event.overrides.filter((o) => before(o.recurrenceId)),
    };
    return this.replace(calendar, record, trimmed);
  }

  /**
   * Ends a series before `recurrenceId` and starts a new event from `draft` there. Every check runs
   * before the first write, so a refusal writes nothing. A new rule equal to the old one continues
   * its COUNT (the new series gets the instances the old one had left).
   */
  split(
    who: string,
    id: string,
    expectedSequence: number,
    recurrenceIdText: string,
    draft: EventDraft,
  ): { before: EventRecord | undefined; after: EventRecord } {
    const record = this.get(who, id);
    const calendar = this.calendars.requireEditable(who, record.calendarId);
    this.checkSequence(record, expectedSequence);
    const old = record.event;
    if (old.rrule === undefined && (old.rdates?.length ?? 0) === 0) {
      throw new CanisterError('OCCURRENCE_NOT_FOUND', 'the event does not recur; update it whole', {
        expected: 'update_event',
      });
    }
    const recurrenceId = domainCall(() =>
      validateOverride(old, { recurrenceId: recurrenceIdText }),
    ).recurrenceId;
    this.requireInstance(old, recurrenceId);
    const next = normaliseDraft(draft);
    const rrule = domainCall(() => continuedRule(old, next.rrule, recurrenceId));
    const after = this.insert(calendar, { ...next, rrule }, undefined);
    const before = this.delete(who, id, { kind: 'following', recurrenceId });
    return { before, after };
  }

  remove(calendar: CalendarRecord, record: EventRecord): undefined {
    this.eventStore.remove(record);
    this.calendars.touch({ ...calendar, eventCount: Math.max(0, calendar.eventCount - 1) });
    return undefined;
  }

  private checkSequence(record: EventRecord, expected: number): void {
    if (record.event.sequence === expected) return;
    throw new CanisterError(
      'EVENT_CONFLICT',
      'the event changed since it was read; reload and edit again',
      {
        expected: `sequence ${expected}`,
        found: `sequence ${record.event.sequence}`,
      },
    );
  }

  private requireInstance(event: CalendarEvent, recurrenceId: string): void {
    if (event.overrides.some((o) => o.recurrenceId === recurrenceId)) return;
    const at = localTimeToUtcMs(recurrenceId, event.allDay, event.timeZone);
    const found = domainCall(() =>
      expandEventOccurrences({ ...event, overrides: [] }, { from: at, to: at + 1, limit: 50 }),
    );
    if (
      found.some(
        (o) => o.recurrenceId === recurrenceId || (o.recurrenceId === undefined && o.start === at),
      )
    )
      return;
    throw new CanisterError(
      'OCCURRENCE_NOT_FOUND',
      `the series has no instance at ${recurrenceId}`,
      {
        found: recurrenceId,
      },
    );
  }
}
