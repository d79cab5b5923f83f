import { addMonths, startOfWeek } from '../model/days.ts';

export type CalendarView = 'month' | 'week' | 'day' | 'agenda';

export type GridMove = { kind: 'focus'; day: number } | { kind: 'activate'; day: number };

/**
 * The WAI-ARIA date-grid keyboard model, as a pure function of the focused day:
 * arrows move by a day (left/right) or a week (up/down, month view); Home/End go to the start/end of the
 * week; PageUp/PageDown move a month (month view) or a period (week/day), Shift+PageUp/Down a year;
 * Enter and Space activate the day. Returns undefined for keys the grid does not handle.
 */
export function gridMove(
  key: string,
  day: number,
  view: CalendarView,
  weekStart: number,
  shift = false,
): GridMove | undefined {
  const period = view === 'day' ? 1 : 7;
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'focus', day: day - 1 };
    case 'ArrowRight':
      return { kind: 'focus', day: day + 1 };
    case 'ArrowUp':
      return view === 'month' ? { kind: 'focus', day: day - 7 } : undefined;
    case 'ArrowDown':
      return view === 'month' ? { kind: 'focus', day: day + 7 } : undefined;
    case 'Home':
      return { kind: 'focus', day: startOfWeek(day, weekStart) };
    case 'End':
      return { kind: 'focus', day: startOfWeek(day, weekStart) + 6 };
    case 'PageUp':
      if (shift) return { kind: 'focus', day: addMonths(day, -12) };
      return { kind: 'focus', day: view === 'month' ? addMonths(day, -1) : day - period };
    case 'PageDown':
      if (shift) return { kind: 'focus', day: addMonths(day, 12) };
      return { kind: 'focus', day: view === 'month' ? addMonths(day, 1) : day + period };
    case 'Enter':
    case ' ':
      return { kind: 'activate', day };
    default:
      return undefined;
  }
}
