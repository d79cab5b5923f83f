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
import { zoneClock } from '../model/zone-clock.ts';

/**
 * CalendarSource over the calendar canister. It takes an actor created from the generated bindings
 * (build/calendar/bindings: `createActor`/`idlFactory` with @dfinity/agent), typed here structurally by the
 * few methods it calls, so the widget does not import a generated, git-ignored file.
 */
type Result<T> = { Ok: T } | { Err: { code: string; message: string } };
type Opt<T> = [] | [T];

interface CandidOccurrence {
  event_id: string;
  calendar_id: string;
  title: string;
  time_zone: string;
  start_ms: bigint;
  end_ms: bigint;
  all_day: boolean;
  color: Opt<string>;
  recurrence_id: Opt<string>;
}

interface CandidEvent {
  id: string;
  calendar_id: string;
  title: string;
  start: string;
  end: string;
  all_day: boolean;
  time_zone: string;
  rrule: Opt<string>;
  sequence: number;
  exdates: string[];
  rdates: string[];
  transparent: boolean;
  color: Opt<string>;
  description: Opt<string>;
  location: Opt<string>;
  overrides: {
    recurrence_id: string;
    start: Opt<string>;
    end: Opt<string>;
    title: Opt<string>;
    cancelled: boolean;
    description: Opt<string>;
    location: Opt<string>;
  }[];
  reminders: {
    minutes_before: number;
    action: Opt<{ display: null } | { email: null }>;
    description: Opt<string>;
  }[];
}

type CandidEventInput = Omit<CandidEvent, 'id' | 'calendar_id' | 'sequence'>;

export interface CalendarActor {
  list_events(q: {
    calendar_ids: string[];
    from_ms: bigint;
    to_ms: bigint;
    cursor: Opt<string>;
    limit: Opt<number>;
  }): Promise<Result<{ occurrences: CandidOccurrence[]; next_cursor: Opt<string> }>>;
  list_calendars(): Promise<
    Result<
      {
        id: string;
        name: string;
        color: Opt<string>;
        my_role: { owner: null } | { editor: null } | { reader: null };
        /** mirrors an external .ics feed: no event edits (absent from older canisters) */
        subscribed?: boolean;
      }[]
    >
  >;
  get_event(id: string): Promise<Result<CandidEvent>>;
  create_event(calendarId: string, input: CandidEventInput): Promise<Result<CandidEvent>>;
  update_event(id: string, sequence: number, input: CandidEventInput): Promise<Result<CandidEvent>>;
  delete_event(
    id: string,
    scope: { all: null } | { occurrence: string } | { this_and_following: string },
  ): Promise<Result<Opt<CandidEvent>>>;
  split_event(
    id: string,
    sequence: number,
    recurrenceId: string,
    input: CandidEventInput,
  ): Promise<Result<{ before: Opt<CandidEvent>; after: CandidEvent }>>;
}

const PAGE = 500;

export function ok<T>(result: Result<T>): T {
  if ('Err' in result) throw new CalendarSourceError(result.Err);
  return result.Ok;
}

/** A calendar as the widget shows it; one that mirrors a subscribed feed takes no edits (no Edit, no drag). */
export function calendarInfo(calendar: {
  id: string;
  name: string;
  color: Opt<string>;
  my_role: { owner: null } | { editor: null } | { reader: null };
  subscribed?: boolean;
}): CalendarInfo {
  return {
    id: calendar.id,
    name: calendar.name,
    color: calendar.color[0] ?? '#1d4ed8',
    writable: !('reader' in calendar.my_role) && !calendar.subscribed,
  };
}

/** Local text the canister expects: `YYYY-MM-DD` for all-day, else `YYYY-MM-DDTHH:MM:SS` in the event zone. */
export function localText(instant: number, allDay: boolean, timeZone: string): string {
  const local = allDay ? instant : zoneClock(timeZone).toLocal(instant);
  const iso = new Date(local).toISOString();
  return allDay ? iso.slice(0, 10) : iso.slice(0, 19);
}

export class CanisterCalendarSource implements CalendarSource {
  constructor(
    private readonly actor: CalendarActor,
    private readonly whoAmI: () => Promise<string | null>,
  ) {}

  principal(): Promise<string | null> {
    return this.whoAmI();
  }

  async getCalendars(): Promise<CalendarInfo[]> {
    return ok(await this.actor.list_calendars()).map(calendarInfo);
  }

  async listOccurrences(calendarIds: string[], range: TimeRange): Promise<Occurrence[]> {
    const all: Occurrence[] = [];
    let cursor: Opt<string> = [];
    do {
      const page: { occurrences: CandidOccurrence[]; next_cursor: Opt<string> } = ok(
        await this.actor.list_events({
          calendar_ids: calendarIds,
          from_ms: BigInt(range.start),
          to_ms: BigInt(range.end),
          cursor,
          limit: [PAGE],
        }),
      );
      for (const o of page.occurrences) all.push(this.occurrenceOf(o));
      cursor = page.next_cursor;
    } while (cursor.length > 0);
    return all;
  }

  async createEvent(input: EventInput): Promise<{ eventId: string }> {
    const created = ok(await this.actor.create_event(input.calendarId, toCandid(input)));
    return { eventId: created.id };
  }

  async getEventDetails(target: OccurrenceRef): Promise<EventDetails> {
    const stored = ok(await this.actor.get_event(target.eventId));
    const recurrenceId = localText(target.recurrenceId, stored.all_day, stored.time_zone);
    return detailsOf(
      stored,
      stored.overrides.find((o) => o.recurrence_id === recurrenceId),
    );
  }

  async updateEvent(target: OccurrenceRef, given: EventInput, scope: EditScope): Promise<void> {
    const stored = ok(await this.actor.get_event(target.eventId));
    const input = withStoredDetails(given, detailsOf(stored));
    const recurring = stored.rrule.length > 0;
    if (!recurring || scope === 'all') {
      const shift = input.start - target.recurrenceId;
      const first = recurring
        ? localToInstant(stored.start, stored.all_day, stored.time_zone) + shift
        : input.start;
      // The list omits the rule, so an edit that leaves "repeats" empty keeps the stored one.
      const next = toCandid(
        {
          ...input,
          start: first,
          end: first + (input.end - input.start),
          rrule: input.rrule ?? stored.rrule[0],
        },
        stored.reminders,
      );
      const kept = recurring
        ? { exdates: stored.exdates, rdates: stored.rdates, overrides: stored.overrides }
        : {};
      ok(
        await this.actor.update_event(stored.id, stored.sequence, {
          ...keep(stored),
          ...next,
          ...kept,
        }),
      );
      return;
    }
    const recurrenceId = localText(target.recurrenceId, stored.all_day, stored.time_zone);
    if (scope === 'this') {
      const previous = stored.overrides.find((o) => o.recurrence_id === recurrenceId);
      // Not loaded: the occurrence keeps its own text. The series' text: it follows the series.
      // Anything else is its own, an empty text too (the occurrence shows none, not the series').
      const own = (
        text: string | undefined,
        series: Opt<string>,
        kept: Opt<string> = [],
      ): Opt<string> =>
        text === undefined ? kept : text === (series[0] ?? '') ? [] : ([text] as Opt<string>);
      const override = {
        recurrence_id: recurrenceId,
        start: [localText(input.start, stored.all_day, stored.time_zone)] as Opt<string>,
        end: [localText(input.end, stored.all_day, stored.time_zone)] as Opt<string>,
        title: [input.title] as Opt<string>,
        cancelled: false,
        description: own(given.description, stored.description, previous?.description),
        location: own(given.location, stored.location, previous?.location),
      };
      const overrides = [
        ...stored.overrides.filter((o) => o.recurrence_id !== recurrenceId),
        override,
      ];
      ok(await this.actor.update_event(stored.id, stored.sequence, { ...keep(stored), overrides }));
      return;
    }
    // As for "all": the list omits the rule, so the new series repeats like the old one unless given one.
    const next = toCandid({ ...input, rrule: input.rrule ?? stored.rrule[0] }, stored.reminders);
    if (input.calendarId === stored.calendar_id) {
      // One update: the canister ends the series and starts the new one, or writes nothing.
      ok(await this.actor.split_event(stored.id, stored.sequence, recurrenceId, next));
      return;
    }
    ok(await this.actor.delete_event(stored.id, { this_and_following: recurrenceId }));
    ok(await this.actor.create_event(input.calendarId, next));
  }

  async deleteEvent(target: OccurrenceRef, scope: EditScope): Promise<void> {
    if (scope === 'all') {
      ok(await this.actor.delete_event(target.eventId, { all: null }));
      return;
    }
    const stored = ok(await this.actor.get_event(target.eventId));
    if (stored.rrule.length === 0) {
      ok(await this.actor.delete_event(target.eventId, { all: null }));
      return;
    }
    const recurrenceId = localText(target.recurrenceId, stored.all_day, stored.time_zone);
    ok(
      await this.actor.delete_event(
        target.eventId,
        scope === 'this' ? { occurrence: recurrenceId } : { this_and_following: recurrenceId },
      ),
    );
  }

  private occurrenceOf(o: CandidOccurrence): Occurrence {
    const start = Number(o.start_ms);
    const recurrenceText = o.recurrence_id[0];
    return {
      eventId: o.event_id,
      recurrenceId: recurrenceText ? localToInstant(recurrenceText, o.all_day, o.time_zone) : start,
      calendarId: o.calendar_id,
      title: o.title,
      start: o.all_day ? floatingDayStart(start, o.time_zone) : start,
      end: o.all_day ? floatingDayStart(Number(o.end_ms), o.time_zone) : Number(o.end_ms),
      allDay: o.all_day,
      timeZone: o.time_zone,
      recurring: recurrenceText !== undefined,
      reminders: [],
      color: o.color[0],
    };
  }
}

/** The canister reports all-day instants at the event zone's midnight; the widget keeps them at UTC midnight. */
function floatingDayStart(instant: number, timeZone: string): number {
  return Math.floor(zoneClock(timeZone).toLocal(instant) / 86_400_000) * 86_400_000;
}

function localToInstant(text: string, allDay: boolean, timeZone: string): number {
  const local = Date.parse(
    allDay ? `${text.slice(0, 10)}T00:00:00Z` : `${text.length === 16 ? `${text}:00` : text}Z`,
  );
  return allDay ? local : zoneClock(timeZone).fromLocal(local);
}

/** The details of the event, or of one occurrence with its override's own text. */
function detailsOf(
  stored: CandidEvent,
  override?: { description: Opt<string>; location: Opt<string> },
): EventDetails {
  return {
    reminders: stored.reminders.map((reminder) => reminder.minutes_before),
    location: override?.location[0] ?? stored.location[0] ?? '',
    description: override?.description[0] ?? stored.description[0] ?? '',
    color: stored.color[0] ?? '',
  };
}

function keep(stored: CandidEvent): CandidEventInput {
  const { id: _id, calendar_id: _calendar, sequence: _sequence, ...rest } = stored;
  return rest;
}

function toCandid(input: EventInput, stored: CandidEvent['reminders'] = []): CandidEventInput {
  return {
    title: input.title,
    start: localText(input.start, input.allDay, input.timeZone),
    end: localText(input.end, input.allDay, input.timeZone),
    all_day: input.allDay,
    time_zone: input.timeZone,
    rrule: input.rrule ? [input.rrule] : [],
    exdates: [],
    rdates: [],
    overrides: [],
    transparent: false,
    color: input.color ? [input.color] : [],
    description: input.description ? [input.description] : [],
    location: input.location ? [input.location] : [],
    // A reminder kept at the same minutes keeps its stored action and text.
    reminders: (input.reminders ?? []).map(
      (minutes) =>
        stored.find((reminder) => reminder.minutes_before === minutes) ?? {
          minutes_before: minutes,
          action: [],
          description: [],
        },
    ),
  };
}
