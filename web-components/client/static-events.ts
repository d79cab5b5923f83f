import type { Occurrence } from './calendar-source.ts';

/** The FullCalendar-like plain shape accepted by `<icp-calendar>.events` (dates as ISO strings, Dates or ms). */
export interface PlainEvent {
  id?: string;
  title: string;
  start: string | number | Date;
  end?: string | number | Date;
  allDay?: boolean;
  color?: string;
}

const DAY_MS = 86_400_000;

function instant(value: string | number | Date): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  // A bare date is a floating all-day date: read it at UTC midnight.
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** Converts plain events (exclusive end) to occurrences; a missing end means one day or zero length. */
export function occurrencesFromPlain(events: PlainEvent[], timeZone: string): Occurrence[] {
  return events.map((event, index) => {
    const start = instant(event.start);
    const allDay = event.allDay ?? (typeof event.start === 'string' && event.start.length === 10);
    const end = event.end === undefined ? start + (allDay ? DAY_MS : 0) : instant(event.end);
    const id = event.id ?? `plain-${index}`;
    return {
      eventId: id,
      recurrenceId: start,
      calendarId: 'static',
      title: event.title,
      start,
      end,
      allDay,
      timeZone,
      reminders: [],
      color: event.color,
    };
  });
}
