import { gridMove, type CalendarView } from './grid-keyboard.ts';

/** What a day grid (month or time grid) exposes to the shared keyboard handler. */
export interface KeyboardGrid {
  readonly focusDay: number;
  dispatchEvent(event: Event): boolean;
  focusActiveCell(): void;
}

/**
 * Applies the WAI-ARIA grid keyboard model to a keydown on a day cell: Enter/Space dispatch
 * `icp-day-activate`, navigation keys dispatch `icp-focus-day` and move DOM focus.
 */
export function handleGridKey(
  grid: KeyboardGrid,
  event: KeyboardEvent,
  view: CalendarView,
  weekStart: number,
): void {
  const target = event.target as HTMLElement;
  if (target.getAttribute('role') !== 'gridcell') return;
  const move = gridMove(event.key, grid.focusDay, view, weekStart, event.shiftKey);
  if (!move) return;
  event.preventDefault();
  if (move.kind === 'activate') {
    grid.dispatchEvent(
      new CustomEvent('icp-day-activate', { detail: { day: move.day }, bubbles: true }),
    );
    return;
  }
  // Dispatch first: the owner's update (new focus day) must be queued before ours, which moves DOM focus.
  grid.dispatchEvent(
    new CustomEvent('icp-focus-day', { detail: { day: move.day }, bubbles: true }),
  );
  grid.focusActiveCell();
}
