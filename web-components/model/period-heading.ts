import type { CalendarView } from '../a11y/grid-keyboard.ts';
import { formatDay } from './formatters.ts';
import { visibleDays } from './view-range.ts';

/** The toolbar title for a view around `day`: "March 2025", "Mar 10 – Mar 16, 2025", or the full date. */
export function periodHeading(
  view: CalendarView,
  day: number,
  weekStart: number,
  locale: string | undefined,
): string {
  if (view === 'day') {
    return formatDay(day, locale, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
  }
  if (view === 'week') {
    const { firstDay } = visibleDays('week', day, weekStart);
    const from = formatDay(firstDay, locale, { month: 'short', day: 'numeric' });
    const to = formatDay(firstDay + 6, locale, { month: 'short', day: 'numeric', year: 'numeric' });
    return `${from} – ${to}`;
  }
  return formatDay(day, locale, { month: 'long', year: 'numeric' });
}
