import { localTimeToUtcMs } from './domain-bridge.ts';
import { type CalendarEvent, expandEventOccurrences } from './domain/index.ts';

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

/**
 * The rule of the new series when a series is split at `recurrenceId`: when the caller kept the
 * old rule and it has a COUNT, the new series gets only the instances the old one had left, so the
 * two together still have COUNT instances (RFC 5545 counts generated instances, EXDATEs included).
 */
export function continuedRule(
  old: CalendarEvent,
  rule: string | undefined,
  recurrenceId: string,
): string | undefined {
  const count = old.rrule === undefined ? undefined : /(?:^|;)COUNT=(\d+)/i.exec(old.rrule)?.[1];
  if (rule === undefined || count === undefined || rule !== old.rrule) return rule;
  const start = localTimeToUtcMs(old.start, old.allDay, old.timeZone);
  const cut = localTimeToUtcMs(recurrenceId, old.allDay, old.timeZone);
  const generated = { ...old, exdates: [], rdates: [], overrides: [] };
  const before = expandEventOccurrences(generated, {
    from: start,
    to: cut,
    limit: Number(count) + 1,
  }).filter((occurrence) => occurrence.start < cut).length;
  return rule.replace(/COUNT=\d+/i, `COUNT=${Math.max(1, Number(count) - before)}`);
}
