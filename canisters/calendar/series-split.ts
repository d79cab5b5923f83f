import { localTimeToUtcMs } from './domain-bridge.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The RRULE of a series cut just before the instance `recurrenceId` ("delete this and following"):
 * COUNT and UNTIL are replaced by an UNTIL one second (timed) or one day (all-day) earlier.
 */
export function untilBefore(
  rrule: string,
  recurrenceId: string,
  allDay: boolean,
  zone: string,
): string {
  const kept = rrule.split(';').filter((part) => part !== '' && !/^(UNTIL|COUNT)=/i.test(part));
  const cutMs = localTimeToUtcMs(recurrenceId, allDay, zone);
  let until: string;
  if (allDay) {
    const [y, m, d] = recurrenceId.split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
    until = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
  } else {
    const t = new Date(cutMs - 1000);
    until =
      `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}` +
      `T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`;
  }
  return [...kept, `UNTIL=${until}`].join(';');
}
