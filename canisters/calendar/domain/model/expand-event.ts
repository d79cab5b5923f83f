/**
 * Occurrences of one event inside a window: (RRULE ∪ RDATE) − EXDATE, then RECURRENCE-ID overrides
 * (RFC 5545 §3.8.5). An occurrence is returned when it overlaps [from, to), so an instance that
 * started before `from` and is still running is included. Each instance keeps the master's length:
 * exact time for timed events (RFC 5545: DTEND gives an exact duration), whole days for all-day ones.
 */
import { wallSecondsOf } from '../civil.ts';
import { DomainError } from '../errors.ts';
import { iterateRecurrence } from '../rrule/expand-recurrence.ts';
import { parseRecurrenceRule } from '../rrule/parse-rrule.ts';
import { utcSecondsToWall, wallToUtcSeconds } from '../tz/time-zone.ts';
import {
  eventTimeOfWallSeconds,
  normaliseEventTime,
  parseEventTime,
  SECONDS_PER_DAY,
  wallSecondsOfEventTime,
} from './event-time.ts';
import type { CalendarEvent, EventOverride, Occurrence } from './event-types.ts';

export interface OccurrenceWindow {
  /** UTC ms, inclusive */
  from: number;
  /** UTC ms, exclusive */
  to: number;
  /** most occurrences returned (default 2 000) */
  limit?: number;
  maxIterations?: number;
}

export const OCCURRENCE_DEFAULT_LIMIT = 2_000;

export type SeriesEvent = Pick<
  CalendarEvent,
  | 'uid'
  | 'title'
  | 'description'
  | 'location'
  | 'color'
  | 'timeZone'
  | 'allDay'
  | 'start'
  | 'end'
  | 'rrule'
  | 'exdates'
  | 'rdates'
> & { overrides?: EventOverride[] };

interface Span {
  startWall: number;
  startUtcMs: number;
  endWall: number;
  endUtcMs: number;
}

/** Span of an instance starting at `startWall` with the given length. */
function spanAt(
  zone: string,
  allDay: boolean,
  startWall: number,
  length: { days: number; ms: number },
): Span {
  const startUtcMs = wallToUtcSeconds(zone, startWall) * 1000;
  if (allDay) {
    const endWall = startWall + length.days * SECONDS_PER_DAY;
    return { startWall, startUtcMs, endWall, endUtcMs: wallToUtcSeconds(zone, endWall) * 1000 };
  }
  const endUtcMs = startUtcMs + length.ms;
  return {
    startWall,
    startUtcMs,
    endWall: utcSecondsToWall(zone, Math.floor(endUtcMs / 1000)),
    endUtcMs,
  };
}

interface Master {
  length: { days: number; ms: number };
  startWall: number;
  endWall: number;
}

/** The master's length and wall times, each text parsed once (in the order errors were always raised). */
function master(event: SeriesEvent): Master {
  const { allDay, timeZone: zone } = event;
  if (allDay) {
    const startWall = wallSecondsOfEventTime(event.start, true);
    const endWall = wallSecondsOfEventTime(event.end, true);
    return { length: { days: (endWall - startWall) / SECONDS_PER_DAY, ms: 0 }, startWall, endWall };
  }
  const endWall = wallSecondsOfEventTime(event.end, false);
  const endMs = wallToUtcSeconds(zone, endWall) * 1000;
  const startWall = wallSecondsOfEventTime(event.start, false);
  const ms = endMs - wallToUtcSeconds(zone, startWall) * 1000;
  return { length: { days: 0, ms }, startWall, endWall };
}

/**
 * The local text of a wall time: the event's own text when it spells that very time in the
 * canonical form (formatting costs ~80 k instructions in a canister), else the formatted time.
 */
function localText(wall: number, allDay: boolean, text: string, textWall: number): string {
  return wall === textWall && text.length === (allDay ? 10 : 19)
    ? text
    : eventTimeOfWallSeconds(wall, allDay);
}

/**
 * The wall time an instant shows: a rule time in a DST gap (02:30 on the spring-forward night) is
 * shifted by the gap's length (RFC 5545 §3.3.5), so its text is the shifted time (03:30).
 */
function shownLocal(event: SeriesEvent, wall: number, utcMs: number): string {
  if (event.allDay) return eventTimeOfWallSeconds(wall, true);
  const utc = Math.floor(utcMs / 1000);
  return eventTimeOfWallSeconds(utcSecondsToWall(event.timeZone, utc), false);
}

function occurrenceOf(
  event: SeriesEvent,
  span: Span,
  recurrenceId: string | undefined,
  override?: EventOverride,
  locals?: { start: string; end: string },
): Occurrence {
  const description = override?.description ?? event.description;
  const location = override?.location ?? event.location;
  return {
    uid: event.uid,
    ...(recurrenceId === undefined ? {} : { recurrenceId }),
    start: span.startUtcMs,
    end: span.endUtcMs,
    startLocal: locals?.start ?? shownLocal(event, span.startWall, span.startUtcMs),
    endLocal: locals?.end ?? shownLocal(event, span.endWall, span.endUtcMs),
    allDay: event.allDay,
    timeZone: event.timeZone,
    title: override?.title ?? event.title,
    ...(description === undefined ? {} : { description }),
    ...(location === undefined ? {} : { location }),
    ...(event.color === undefined ? {} : { color: event.color }),
    overridden: override !== undefined,
  };
}

function overriddenSpan(
  event: SeriesEvent,
  original: Span,
  override: EventOverride,
  length: { days: number; ms: number },
): Span {
  const startWall =
    override.start === undefined
      ? original.startWall
      : wallSecondsOfEventTime(override.start, event.allDay);
  if (override.end === undefined) return spanAt(event.timeZone, event.allDay, startWall, length);
  const endWall = wallSecondsOfEventTime(override.end, event.allDay);
  return {
    startWall,
    startUtcMs: wallToUtcSeconds(event.timeZone, startWall) * 1000,
    endWall,
    endUtcMs: wallToUtcSeconds(event.timeZone, endWall) * 1000,
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const overlaps = (o: Occurrence, from: number, to: number): boolean =>
  o.start < to && (o.end > from || (o.end === o.start && o.start >= from));

/** The event's occurrences overlapping [from, to), sorted by start; at most `limit`. */
export function expandEventOccurrences(event: SeriesEvent, window: OccurrenceWindow): Occurrence[] {
  if (!(window.from <= window.to)) {
    throw new DomainError(
      'RANGE_INVALID',
      `expected from <= to, found from=${window.from} to=${window.to}`,
    );
  }
  const limit = window.limit ?? OCCURRENCE_DEFAULT_LIMIT;
  const { length, startWall, endWall } = master(event);
  const { timeZone: zone, allDay } = event;
  const recurring = event.rrule !== undefined || (event.rdates?.length ?? 0) > 0;
  if (!recurring) {
    const span = spanAt(zone, allDay, startWall, length);
    const single = occurrenceOf(event, span, undefined, undefined, {
      start: localText(span.startWall, allDay, event.start, startWall),
      end: localText(span.endWall, allDay, event.end, endWall),
    });
    return overlaps(single, window.from, window.to) ? [single] : [];
  }

  const excluded = new Set((event.exdates ?? []).map((t) => normaliseEventTime(t, allDay)));
  const overrides = new Map<string, EventOverride>();
  for (const override of event.overrides ?? [])
    overrides.set(normaliseEventTime(override.recurrenceId, allDay), override);
  // how long before the window an overlapping occurrence can start: a timed one by its exact length
  // (nominal days stretched by at most a DST shift), so a minutely series is not walked a day back
  const longestMs = allDay
    ? Math.max(length.ms, (length.days + 1) * SECONDS_PER_DAY * 1000)
    : length.ms + length.days * SECONDS_PER_DAY * 1000 + (length.days > 0 ? 3 * 3_600_000 : 0);
  const found = new Map<string, Occurrence>();
  const consider = (wall: number): void => {
    const recurrenceId = eventTimeOfWallSeconds(wall, allDay);
    if (excluded.has(recurrenceId) || found.has(recurrenceId) || overrides.has(recurrenceId))
      return;
    const occurrence = occurrenceOf(event, spanAt(zone, allDay, wall, length), recurrenceId);
    if (overlaps(occurrence, window.from, window.to)) found.set(recurrenceId, occurrence);
  };

  if (event.rrule !== undefined) {
    const instances = iterateRecurrence(
      parseRecurrenceRule(event.rrule),
      parseEventTime(event.start, allDay),
      zone,
      {
        from: window.from - longestMs,
        to: window.to,
        maxIterations: window.maxIterations,
      },
    );
    // instances come in start order, so once `limit` of them overlap the window the rest are later
    for (const instance of instances) {
      consider(wallSecondsOf(instance.local));
      if (found.size >= limit) break;
    }
  } else {
    consider(startWall); // DTSTART is the first instance of an RDATE-only series
  }
  for (const rdate of event.rdates ?? []) consider(wallSecondsOfEventTime(rdate, allDay));

  const result = [...found.values()];
  for (const [recurrenceId, override] of overrides) {
    if (override.cancelled || excluded.has(recurrenceId)) continue;
    const original = spanAt(zone, allDay, wallSecondsOfEventTime(recurrenceId, allDay), length);
    const changed = occurrenceOf(
      event,
      overriddenSpan(event, original, override, length),
      recurrenceId,
      override,
    );
    if (overlaps(changed, window.from, window.to)) result.push(changed);
  }
  result.sort(
    (a, b) => a.start - b.start || compareText(a.recurrenceId ?? '', b.recurrenceId ?? ''),
  );
  return result.slice(0, limit);
}
