import type { Occurrence } from '../client/calendar-source.ts';
import type { ZoneClock } from '../model/zone-clock.ts';

export interface TimedBox {
  occurrence: Occurrence;
  /** Minutes from the day's midnight, clipped to the day. */
  startMinute: number;
  endMinute: number;
  /** Side-by-side placement within its group of overlapping events. */
  column: number;
  columns: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

const MIN_VISIBLE_MINUTES = 15;

/**
 * Lays out one day's timed events: overlapping events sit side by side. Events form clusters of
 * transitive overlap; each takes the leftmost free column and every event of a cluster shares its width.
 */
export function layoutDay(occurrences: Occurrence[], clock: ZoneClock, day: number): TimedBox[] {
  const dayStart = clock.instantOf(day);
  const dayEnd = clock.instantOf(day + 1);
  const boxes: TimedBox[] = [];
  for (const occurrence of occurrences) {
    if (occurrence.allDay || occurrence.start >= dayEnd || occurrence.end <= dayStart) continue;
    if (occurrence.end === occurrence.start && occurrence.start < dayStart) continue;
    const startMinute = occurrence.start <= dayStart ? 0 : clock.minuteOfDay(occurrence.start);
    const endMinute = occurrence.end >= dayEnd ? 1440 : clock.minuteOfDay(occurrence.end);
    boxes.push({
      occurrence,
      startMinute,
      endMinute: Math.max(endMinute, startMinute + MIN_VISIBLE_MINUTES),
      column: 0,
      columns: 1,
      continuesBefore: occurrence.start < dayStart,
      continuesAfter: occurrence.end > dayEnd,
    });
  }
  boxes.sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
  let cluster: TimedBox[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const box of cluster) box.columns = columnEnds.length;
    cluster = [];
    columnEnds = [];
  };
  for (const box of boxes) {
    if (box.startMinute >= clusterEnd) close();
    let column = columnEnds.findIndex((end) => end <= box.startMinute);
    if (column === -1) column = columnEnds.push(0) - 1;
    columnEnds[column] = box.endMinute;
    box.column = column;
    cluster.push(box);
    clusterEnd = Math.max(clusterEnd, box.endMinute);
  }
  close();
  return boxes;
}
