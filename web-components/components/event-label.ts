import type { Occurrence } from '../client/calendar-source.ts';
import { DAY_MS } from '../model/days.ts';
import { formatDay, formatTime, formatter } from '../model/formatters.ts';

/** The accessible name of an event: its title, then when it happens in the display zone. */
export function eventLabel(occurrence: Occurrence, locale: string | undefined, timeZone: string): string {
  if (occurrence.allDay) {
    const first = Math.floor(occurrence.start / DAY_MS);
    const last = Math.max(first, Math.ceil(occurrence.end / DAY_MS) - 1);
    const options: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric' };
    const when =
      last === first
        ? formatDay(first, locale, options)
        : `${formatDay(first, locale, options)} – ${formatDay(last, locale, options)}`;
    return `${occurrence.title}, all day, ${when}`;
  }
  const range = formatter(locale, {
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).formatRange(occurrence.start, Math.max(occurrence.start, occurrence.end));
  return `${occurrence.title}, ${range}`;
}

export function shortTime(occurrence: Occurrence, locale: string | undefined, timeZone: string): string {
  return occurrence.allDay ? '' : formatTime(occurrence.start, locale, timeZone);
}
