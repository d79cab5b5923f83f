/**
 * The calendar's plain-data model. Times are local wall-clock strings in the event's own zone:
 * `YYYY-MM-DDTHH:MM:SS` for timed events, `YYYY-MM-DD` for all-day events (end exclusive).
 * Instants (occurrences, windows) are UTC milliseconds.
 */
export interface ReminderInput {
  /** minutes before the start (0 = at the start) */
  minutesBefore: number;
  action?: 'display' | 'email';
  description?: string;
}

export interface EventInput {
  title: string;
  description?: string;
  location?: string;
  /** `#rgb` or `#rrggbb` */
  color?: string;
  /** IANA zone the local times are read in (and recurrence runs in) */
  timeZone: string;
  allDay: boolean;
  start: string;
  /** exclusive; for all-day events the day after the last day */
  end: string;
  /** RRULE value without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=MO` */
  rrule?: string;
  /** local start times of removed instances (same form as `start`) */
  exdates?: string[];
  /** extra local start times (same form as `start`) */
  rdates?: string[];
  reminders?: ReminderInput[];
  transparency?: 'opaque' | 'transparent';
}

/** One changed or cancelled instance of a recurring event, keyed by its original local start. */
export interface EventOverride {
  recurrenceId: string;
  cancelled?: boolean;
  title?: string;
  description?: string;
  location?: string;
  start?: string;
  end?: string;
}

export interface CalendarEvent extends EventInput {
  uid: string;
  sequence: number;
  overrides: EventOverride[];
  /** UTC milliseconds */
  created?: number;
  lastModified?: number;
}

export interface CalendarInput {
  name: string;
  description?: string;
  color?: string;
  /** default zone for display and for floating times on import */
  timeZone: string;
}

/** One instance of an event inside a requested window (list results). */
export interface Occurrence {
  uid: string;
  /** original local start of this instance; absent for a non-recurring event */
  recurrenceId?: string;
  /** UTC milliseconds, end exclusive */
  start: number;
  end: number;
  startLocal: string;
  endLocal: string;
  allDay: boolean;
  timeZone: string;
  title: string;
  description?: string;
  location?: string;
  color?: string;
  /** true when an override changed this instance */
  overridden: boolean;
}

export interface FieldIssue {
  field: string;
  message: string;
}
