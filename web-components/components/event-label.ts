import type { Occurrence } from '../client/calendar-source.ts';
import { DAY_MS } from '../model/days.ts';
import { formatDay, formatTime, formatter } from '../model/formatters.ts';

/** When an event happens, in words, for screen readers (the chip shows only the title and start). */
export function eventWhen(
  occurrence: Occurrence,
  locale: string | undefined,
  timeZone: string,
): string {
  if (occurrence.allDay) {
    const first = Math.floor(occurrence.start / DAY_MS);
    const last = Math.max(first, Math.ceil(occurrence.end / DAY_MS) - 1);
    const options: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric' };
    const when =
      last === first
        ? formatDay(first, locale, options)
        : `${formatDay(first, locale, options)} – ${formatDay(last, locale, options)}`;
    return `all day, ${when}`;
  }
  const range = formatter(locale, {
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).formatRange(occurrence.start, Math.max(occurrence.start, occurrence.end));
  return range;
}

export function shortTime(
  occurrence: Occurrence,
  locale: string | undefined,
  timeZone: string,
): string {
  return occurrence.allDay ? '' : formatTime(occurrence.start, locale, timeZone);
}
