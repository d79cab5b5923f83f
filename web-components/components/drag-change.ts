import type { EventInput, Occurrence } from '../client/calendar-source.ts';

/** The event as written after dragging `occurrence` to [start, end): everything else stays as it was. */
export function draggedInput(occurrence: Occurrence, start: number, end: number): EventInput {
  return {
    calendarId: occurrence.calendarId,
    title: occurrence.title,
    start,
    end,
    allDay: occurrence.allDay,
    timeZone: occurrence.timeZone,
    rrule: occurrence.rrule,
    // reminders, location, description and colour are left out: the source keeps the stored ones
  };
}

/** What the scope question says about a dragged occurrence of a repeating event. */
export function dragQuestion(
  input: EventInput,
  locale: string | undefined,
  timeZone: string,
): string {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone });
  return `New time for "${input.title}": ${when.formatRange(input.start, input.end)}. Which events change?`;
}
