import type { Occurrence } from '../client/calendar-source.ts';
import type { ZoneClock } from '../model/zone-clock.ts';
import { daySpan } from './day-span.ts';

export interface MonthSegment {
  occurrence: Occurrence;
  /** Row inside the week, 0 = top. */
  lane: number;
  /** Column of the first day shown in this week (0–6) and how many days it covers here. */
  column: number;
  span: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface WeekLayout {
  firstDay: number;
  /** Only the segments to draw; hidden ones are counted, never returned. */
  segments: MonthSegment[];
  /** Per column: events on that day that are not drawn (the "+N more" figure). */
  hidden: number[];
  /** Per column: every event on that day. */
  total: number[];
}

interface Placed {
  occurrence: Occurrence;
  first: number;
  last: number;
  multiDay: boolean;
}

/**
 * Packs occurrences into week rows of at most `maxRows` lanes. A day with more events than lanes shows
 * `maxRows - 1` of them plus a "+N more" in the last lane, so N always equals what is hidden that day.
 * A segment is drawn only when its lane fits on every day it covers in that week.
 */
export function layoutWeeks(
  occurrences: Occurrence[],
  clock: ZoneClock,
  firstDay: number,
  weekCount: number,
  maxRows: number,
): WeekLayout[] {
  const lastDay = firstDay + weekCount * 7 - 1;
  const buckets: Placed[][] = Array.from({ length: weekCount }, () => []);
  for (const occurrence of occurrences) {
    const { first, last } = daySpan(occurrence, clock);
    if (last < firstDay || first > lastDay) continue;
    const placed = { occurrence, first, last, multiDay: occurrence.allDay || last > first };
    const fromWeek = Math.max(0, Math.floor((first - firstDay) / 7));
    const toWeek = Math.min(weekCount - 1, Math.floor((last - firstDay) / 7));
    for (let week = fromWeek; week <= toWeek; week++) buckets[week]!.push(placed);
  }
  return buckets.map((items, week) => layoutWeek(items, firstDay + week * 7, maxRows));
}

function layoutWeek(items: Placed[], weekStart: number, maxRows: number): WeekLayout {
  const weekEnd = weekStart + 6;
  items.sort(
    (a, b) =>
      Math.max(a.first, weekStart) - Math.max(b.first, weekStart) ||
      Number(b.multiDay) - Number(a.multiDay) ||
      Math.min(b.last, weekEnd) -
        Math.max(b.first, weekStart) -
        (Math.min(a.last, weekEnd) - Math.max(a.first, weekStart)) ||
      a.occurrence.start - b.occurrence.start ||
      a.occurrence.title.localeCompare(b.occurrence.title),
  );
  const total = [0, 0, 0, 0, 0, 0, 0];
  const occupied: boolean[][] = [];
  const lanes: { item: Placed; lane: number; column: number; span: number }[] = [];
  for (const item of items) {
    const column = Math.max(item.first, weekStart) - weekStart;
    const span = Math.min(item.last, weekEnd) - weekStart - column + 1;
    let lane = 0;
    while (!laneFree(occupied[lane], column, span)) lane++;
    const row = (occupied[lane] ??= [false, false, false, false, false, false, false]);
    for (let c = column; c < column + span; c++) {
      row[c] = true;
      total[c]!++;
    }
    lanes.push({ item, lane, column, span });
  }
  const limit = total.map((count) => (count > maxRows ? maxRows - 1 : maxRows));
  const hidden = [...total];
  const segments: MonthSegment[] = [];
  for (const { item, lane, column, span } of lanes) {
    let fits = true;
    for (let c = column; c < column + span; c++) if (lane >= limit[c]!) fits = false;
    if (!fits) continue;
    for (let c = column; c < column + span; c++) hidden[c]!--;
    segments.push({
      occurrence: item.occurrence,
      lane,
      column,
      span,
      continuesBefore: item.first < weekStart,
      continuesAfter: item.last > weekEnd,
    });
  }
  return { firstDay: weekStart, segments, hidden, total };
}

function laneFree(row: boolean[] | undefined, column: number, span: number): boolean {
  if (!row) return true;
  for (let c = column; c < column + span; c++) if (row[c]) return false;
  return true;
}
