/**
 * The widget's data contract. Components talk to a calendar only through this interface, so the
 * in-memory source (tests, benchmark, demos) and the canister-backed source are interchangeable.
 * Instants are epoch milliseconds; ranges are half-open [start, end).
 */

export interface CalendarInfo {
  id: string;
  name: string;
  /** CSS colour for the calendar's events. */
  color: string;
  /** False when the signed-in principal may only read it. */
  writable: boolean;
}

export interface TimeRange {
  start: number;
  end: number;
}

/** One occurrence of an event (a single event has exactly one). */
export interface Occurrence {
  eventId: string;
  /** Start of this occurrence in the unmodified series (RFC 5545 RECURRENCE-ID); equals `start` for single events. */
  recurrenceId: number;
  calendarId: string;
  title: string;
  start: number;
  /** Exclusive. For all-day events `start`/`end` are UTC midnights of the (floating) dates. */
  end: number;
  allDay: boolean;
  /** IANA zone the event was written in (its recurrence follows that zone's wall clock). */
  timeZone: string;
  /** RRULE value without the `RRULE:` prefix, when the event recurs. */
  rrule?: string;
  /** True for an occurrence of a series whose rule the source did not send (the canister's lists omit it). */
  recurring?: boolean;
  /** Minutes before the start. */
  reminders: number[];
  color?: string;
  /** Plain text (addresses in it are shown as safe links). */
  location?: string;
  description?: string;
}

/**
 * What a create or an update writes. In an update, `undefined` in reminders, location, description or
 * colour means "not loaded, keep the stored value"; an empty string or list clears it.
 */
export interface EventInput {
  calendarId: string;
  title: string;
  start: number;
  end: number;
  allDay: boolean;
  timeZone: string;
  rrule?: string;
  reminders?: number[];
  location?: string;
  description?: string;
  /** Overrides the calendar's colour for this event; empty: the calendar's colour. */
  color?: string;
}

/** The stored fields occurrence lists may leave out, as the edit dialog shows them. */
export interface EventDetails {
  reminders: number[];
  location: string;
  description: string;
  /** The event's own colour; empty when it takes the calendar's. */
  color: string;
}

/** Which part of a recurring series an edit applies to. Ignored for single events. */
export type EditScope = 'this' | 'following' | 'all';

export interface OccurrenceRef {
  eventId: string;
  recurrenceId: number;
}

/** A refusal or failure reported by a source; `code` is stable, `message` is for people. */
export interface SourceError {
  code: string;
  message: string;
  expected?: string;
  found?: string;
}

export class CalendarSourceError extends Error implements SourceError {
  readonly code: string;
  readonly expected?: string;
  readonly found?: string;
  constructor(error: SourceError) {
    super(error.message);
    this.code = error.code;
    this.expected = error.expected;
    this.found = error.found;
  }
}

/** Any failure as a problem to show or report: a source's refusal keeps its code, anything else is SOURCE_FAILED. */
export function problemOf(error: unknown): { code: string; message: string } {
  if (error instanceof CalendarSourceError) return { code: error.code, message: error.message };
  return { code: 'SOURCE_FAILED', message: error instanceof Error ? error.message : String(error) };
}

/** The input with each detail it left undefined (never loaded) taken from the stored event. */
export function withStoredDetails(input: EventInput, stored: Partial<EventDetails>): EventInput {
  return {
    ...input,
    reminders: input.reminders ?? stored.reminders,
    location: input.location ?? stored.location,
    description: input.description ?? stored.description,
    color: input.color ?? stored.color,
  };
}

export interface CalendarSource {
  /** Occurrences overlapping `range` in the given calendars, recurrences expanded. */
  listOccurrences(calendarIds: string[], range: TimeRange): Promise<Occurrence[]>;
  getCalendars(): Promise<CalendarInfo[]>;
  /** Text form of the signed-in principal, or null when anonymous. */
  principal(): Promise<string | null>;
  createEvent(input: EventInput): Promise<{ eventId: string }>;
  /** The stored details of the event (an overridden occurrence's own location and description). */
  getEventDetails(target: OccurrenceRef): Promise<EventDetails>;
  updateEvent(target: OccurrenceRef, input: EventInput, scope: EditScope): Promise<void>;
  deleteEvent(target: OccurrenceRef, scope: EditScope): Promise<void>;
}
