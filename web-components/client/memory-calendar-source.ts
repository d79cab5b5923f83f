import { expandStarts, parseRrule, truncateRrule } from '../model/recurrence.ts';
import { zoneClock } from '../model/zone-clock.ts';
import {
  CalendarSourceError,
  withStoredDetails,
  type CalendarInfo,
  type CalendarSource,
  type EditScope,
  type EventDetails,
  type EventInput,
  type Occurrence,
  type OccurrenceRef,
  type TimeRange,
} from './calendar-source.ts';

interface StoredEvent extends EventInput {
  id: string;
  exdates: Set<number>;
}

export interface MemorySourceOptions {
  calendars?: CalendarInfo[];
  events?: (EventInput & { id?: string })[];
  /** Null means anonymous (read-only). */
  principal?: string | null;
  /** Makes every write fail with this error: used to test optimistic rollback. */
  refuseWrites?: { code: string; message: string };
}

/** A CalendarSource held in memory. Used by component tests, the benchmark and offline demos. */
export class MemoryCalendarSource implements CalendarSource {
  readonly calendars: CalendarInfo[];
  private readonly events = new Map<string, StoredEvent>();
  private nextId = 1;
  private signedIn: string | null;
  refuseWrites: MemorySourceOptions['refuseWrites'];
  /** How many list calls were answered (tests check caching and prefetching with it). */
  listCalls = 0;

  constructor(options: MemorySourceOptions = {}) {
    this.calendars = options.calendars ?? [
      { id: 'default', name: 'Calendar', color: '#2563eb', writable: true },
    ];
    this.signedIn = options.principal === undefined ? '2vxsx-fae' : options.principal;
    this.refuseWrites = options.refuseWrites;
    for (const event of options.events ?? []) this.store({ ...event });
  }

  setPrincipal(principal: string | null): void {
    this.signedIn = principal;
  }

  async principal(): Promise<string | null> {
    return this.signedIn;
  }

  async getCalendars(): Promise<CalendarInfo[]> {
    return this.calendars.map((calendar) => ({ ...calendar }));
  }

  async listOccurrences(calendarIds: string[], range: TimeRange): Promise<Occurrence[]> {
    this.listCalls++;
    const wanted = new Set(calendarIds);
    const result: Occurrence[] = [];
    for (const event of this.events.values()) {
      if (wanted.has(event.calendarId)) this.expand(event, range, result);
    }
    return result.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  async createEvent(input: EventInput): Promise<{ eventId: string }> {
    this.checkWritable(input.calendarId);
    return { eventId: this.store({ ...input, id: undefined }).id };
  }

  async getEventDetails(target: OccurrenceRef): Promise<EventDetails> {
    const event = this.find(target.eventId);
    return {
      reminders: [...(event.reminders ?? [])],
      location: event.location ?? '',
      description: event.description ?? '',
      color: event.color ?? '',
    };
  }

  async updateEvent(target: OccurrenceRef, given: EventInput, scope: EditScope): Promise<void> {
    const event = this.find(target.eventId);
    const input = withStoredDetails(given, event);
    this.checkWritable(event.calendarId);
    this.checkWritable(input.calendarId);
    if (!event.rrule || scope === 'all') {
      const shift = input.start - target.recurrenceId;
      const first = event.rrule ? event.start + shift : input.start;
      Object.assign(event, input, {
        id: event.id,
        start: first,
        end: first + (input.end - input.start),
      });
      return;
    }
    if (scope === 'this') {
      event.exdates.add(target.recurrenceId);
      this.store({ ...input, id: undefined, rrule: undefined });
      return;
    }
    event.rrule = truncateRrule(event.rrule, target.recurrenceId);
    this.store({ ...input, id: undefined });
  }

  async deleteEvent(target: OccurrenceRef, scope: EditScope): Promise<void> {
    const event = this.find(target.eventId);
    this.checkWritable(event.calendarId);
    if (
      !event.rrule ||
      scope === 'all' ||
      (scope === 'following' && target.recurrenceId <= event.start)
    ) {
      this.events.delete(event.id);
    } else if (scope === 'this') {
      event.exdates.add(target.recurrenceId);
    } else {
      event.rrule = truncateRrule(event.rrule, target.recurrenceId);
    }
  }

  private store(input: EventInput & { id?: string }): StoredEvent {
    const id = input.id ?? `e${this.nextId++}`;
    const event: StoredEvent = { ...input, id, exdates: new Set() };
    this.events.set(id, event);
    return event;
  }

  private find(eventId: string): StoredEvent {
    const event = this.events.get(eventId);
    if (!event) {
      throw new CalendarSourceError({
        code: 'EVENT_NOT_FOUND',
        message: `No event ${eventId}`,
        expected: 'an existing event id',
        found: eventId,
      });
    }
    return event;
  }

  private checkWritable(calendarId: string): void {
    if (this.refuseWrites) throw new CalendarSourceError(this.refuseWrites);
    if (this.signedIn === null) {
      throw new CalendarSourceError({ code: 'NOT_SIGNED_IN', message: 'Sign in to change events' });
    }
    const calendar = this.calendars.find((candidate) => candidate.id === calendarId);
    if (!calendar?.writable) {
      throw new CalendarSourceError({
        code: 'CALENDAR_READ_ONLY',
        message: `Calendar ${calendarId} cannot be changed`,
        expected: 'a writable calendar',
        found: calendarId,
      });
    }
  }

  private expand(event: StoredEvent, range: TimeRange, into: Occurrence[]): void {
    const duration = event.end - event.start;
    const color =
      event.color || this.calendars.find((calendar) => calendar.id === event.calendarId)?.color;
    const occurrence = (start: number): Occurrence => ({
      eventId: event.id,
      recurrenceId: start,
      calendarId: event.calendarId,
      title: event.title,
      start,
      end: start + duration,
      allDay: event.allDay,
      timeZone: event.timeZone,
      rrule: event.rrule,
      reminders: [...(event.reminders ?? [])],
      color,
      ...(event.location ? { location: event.location } : {}),
      ...(event.description ? { description: event.description } : {}),
    });
    if (!event.rrule) {
      if (event.start < range.end && event.end > range.start) into.push(occurrence(event.start));
      return;
    }
    const rule = parseRrule(event.rrule);
    if ('error' in rule) return;
    const clock = zoneClock(event.allDay ? 'UTC' : event.timeZone);
    for (const start of expandStarts(rule, event.start, duration, clock, range.start, range.end)) {
      if (!event.exdates.has(start)) into.push(occurrence(start));
    }
  }
}
