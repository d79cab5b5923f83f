/**
 * Test-only: HOURLY/MINUTELY rules as fast-check values, and a brute-force reading of them that tests
 * every wall-clock minute against RFC 5545 §3.3.10 directly (no period planning, its own rule parser)
 * and converts with Temporal's "compatible" disambiguation, the RFC's reading of gaps and overlaps.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type { CivilDateTime } from '../civil.ts';

export interface SubDailyCase {
  rule: string;
  zone: string;
  dtstart: CivilDateTime;
  /** the instant of DTSTART */
  fromMs: number;
  /** exclusive end of the compared window */
  toMs: number;
}

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']; // Date#getUTCDay order

const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
const subset = <T>(values: T[], max: number): fc.Arbitrary<T[]> =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });

/** RFC-valid HOURLY/MINUTELY rule texts, whole minutes, sometimes with COUNT. */
export const subDailyRule: fc.Arbitrary<string> = fc
  .record({
    hourly: fc.boolean(),
    hourInterval: fc.integer({ min: 1, max: 5 }),
    minuteInterval: fc.constantFrom(1, 5, 7, 15, 30, 45, 90, 120),
    byMonth: sometimes(subset([3, 4, 9, 10, 11], 3)),
    byDay: sometimes(subset(DAY_CODES, 4)),
    byMonthDay: sometimes(subset([1, 2, 5, 6, 7, 8, -1], 4)),
    byHour: sometimes(subset([0, 1, 2, 3, 4, 5, 23], 4)),
    byMinute: sometimes(subset([0, 15, 30, 45, 59], 3)),
    bySetPos: sometimes(fc.constantFrom('1', '-1', '2')),
    count: sometimes(fc.integer({ min: 1, max: 200 })),
  })
  .map((r) => {
    const parts = [r.hourly ? 'FREQ=HOURLY' : 'FREQ=MINUTELY'];
    const interval = r.hourly ? r.hourInterval : r.minuteInterval;
    if (interval > 1) parts.push(`INTERVAL=${interval}`);
    if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (r.byDay) parts.push(`BYDAY=${r.byDay.join(',')}`);
    if (r.byMonthDay) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byHour) parts.push(`BYHOUR=${r.byHour.join(',')}`);
    if (r.byMinute) parts.push(`BYMINUTE=${r.byMinute.join(',')}`);
    if (r.bySetPos && r.hourly && r.byMinute) parts.push(`BYSETPOS=${r.bySetPos}`);
    if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
    return parts.join(';');
  });

/** Wall clock as milliseconds (the local time written as if it were UTC). */
export const wallMs = (t: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}): number => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

function partsOf(rule: string): Map<string, string> {
  return new Map(rule.split(';').map((part) => part.split('=') as [string, string]));
}

const numbers = (parts: Map<string, string>, name: string): number[] | undefined =>
  parts.get(name)?.split(',').map(Number);

/** Whether a wall-clock minute belongs to the rule's recurrence set before COUNT. */
export function matchesRule(c: SubDailyCase, wall: number): boolean {
  const start = wallMs(c.dtstart);
  if (wall === start) return true; // DTSTART is always the first instance
  if (wall < start || wall % 60_000 !== 0) return false;
  const parts = partsOf(c.rule);
  const hourly = parts.get('FREQ') === 'HOURLY';
  const unit = hourly ? 3_600_000 : 60_000;
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const origin = Math.floor(start / unit) * unit;
  if (Math.floor((wall - origin) / unit) % interval !== 0) return false;
  const d = new Date(wall);
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const byMonth = numbers(parts, 'BYMONTH');
  if (byMonth && !byMonth.includes(d.getUTCMonth() + 1)) return false;
  const byMonthDay = numbers(parts, 'BYMONTHDAY');
  const day = d.getUTCDate();
  if (byMonthDay && !byMonthDay.some((v) => v === day || v === day - daysInMonth - 1)) return false;
  const byDay = parts.get('BYDAY')?.split(',');
  if (byDay && !byDay.includes(DAY_CODES[d.getUTCDay()]!)) return false;
  const byHour = numbers(parts, 'BYHOUR');
  if (byHour && !byHour.includes(d.getUTCHours())) return false;
  const byMinute = numbers(parts, 'BYMINUTE');
  if (!hourly) return !byMinute || byMinute.includes(d.getUTCMinutes());
  const minutes = [...(byMinute ?? [c.dtstart.minute])].sort((a, b) => a - b);
  const setPos = numbers(parts, 'BYSETPOS');
  const picked = setPos
    ? setPos.map((p) => minutes[p > 0 ? p - 1 : minutes.length + p]).filter((m) => m !== undefined)
    : minutes;
  return picked.includes(d.getUTCMinutes());
}

/** The rule's instants in [fromMs, toMs), found minute by minute. */
export function bruteForceInstants(c: SubDailyCase): number[] {
  const instants = new Set<number>();
  const lastWall = c.toMs + 15 * 3_600_000; // offsets are at most +14 h
  for (let wall = wallMs(c.dtstart); wall <= lastWall; wall += 60_000) {
    if (!matchesRule(c, wall)) continue;
    const d = new Date(wall);
    const local = new Temporal.PlainDateTime(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    );
    instants.add(local.toZonedDateTime(c.zone, { disambiguation: 'compatible' }).epochMilliseconds);
  }
  let sorted = [...instants].sort((a, b) => a - b);
  const count = partsOf(c.rule).get('COUNT');
  if (count !== undefined) sorted = sorted.slice(0, Number(count));
  return sorted.filter((t) => t >= c.fromMs && t < c.toMs);
}
