import type { CalendarView } from '../a11y/grid-keyboard.ts';
import type { TimeRange } from '../client/calendar-source.ts';
import { DAY_MS, addMonths, startOfMonth, startOfWeek } from './days.ts';
import type { ZoneClock } from './zone-clock.ts';

export interface VisibleDays {
  firstDay: number;
  dayCount: number;
}

/** The days a view shows around `day`: 6 full weeks for month, a week, a day, or a calendar month of agenda. */
export function visibleDays(view: CalendarView, day: number, weekStart: number): VisibleDays {
  switch (view) {
    case 'month':
      return { firstDay: startOfWeek(startOfMonth(day), weekStart), dayCount: 42 };
    case 'week':
      return { firstDay: startOfWeek(day, weekStart), dayCount: 7 };
    case 'day':
      return { firstDay: day, dayCount: 1 };
    case 'agenda': {
      const first = startOfMonth(day);
      return { firstDay: first, dayCount: addMonths(first, 1) - first };
    }
  }
}

/** The focus day one period before (-1) or after (+1). */
export function shiftPeriod(view: CalendarView, day: number, direction: number): number {
  if (view === 'month' || view === 'agenda') return addMonths(day, direction);
  return day + direction * (view === 'week' ? 7 : 1);
}

/**
 * Instants to ask the source for. Padded by a day on each side: all-day events are floating dates stored
 * at UTC midnight, which can sit outside the zone's own midnights.
 */
export function queryRange(days: VisibleDays, clock: ZoneClock): TimeRange {
  return {
    start: clock.instantOf(days.firstDay) - DAY_MS,
    end: clock.instantOf(days.firstDay + days.dayCount) + DAY_MS,
  };
}
