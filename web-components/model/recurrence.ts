import { DAY_MS, addMonths, weekdayOf } from './days.ts';
import type { ZoneClock } from './zone-clock.ts';

/**
 * A small RRULE subset for the in-memory source: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT,
 * UNTIL, and BYDAY for WEEKLY. The canister expands the full RFC 5545 rules server-side.
 */
export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  until?: number;
  byDay?: number[];
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const MAX_STEPS = 20_000;

export function parseRrule(text: string): RecurrenceRule | { error: string } {
  const fields = new Map<string, string>();
  for (const pair of text.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = pair.split('=');
    if (key && value) fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = fields.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    return { error: `FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; got ${freq ?? 'nothing'}` };
  }
  const interval = Number(fields.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1)
    return { error: 'INTERVAL must be a positive integer' };
  const rule: RecurrenceRule = { freq, interval };
  if (fields.has('COUNT')) rule.count = Number(fields.get('COUNT'));
  const until = fields.get('UNTIL');
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
    if (!m) return { error: `UNTIL must look like 20250301T000000Z; got ${until}` };
    rule.until = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 23), +(m[5] ?? 59), +(m[6] ?? 59));
  }
  const byDay = fields.get('BYDAY');
  if (byDay) {
    rule.byDay = byDay.split(',').map((code) => WEEKDAYS.indexOf(code));
    if (rule.byDay.includes(-1)) return { error: `BYDAY must list SU…SA; got ${byDay}` };
  }
  return rule;
}

export function formatUntil(instant: number): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The same rule ending before `instant` (COUNT is replaced by UNTIL). */
export function truncateRrule(text: string, instant: number): string {
  const kept = text
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((pair) => !/^(COUNT|UNTIL)=/i.test(pair));
  return [...kept, `UNTIL=${formatUntil(instant - 1000)}`].join(';');
}

/**
 * Start instants of a series whose first start is `first`, overlapping [rangeStart, rangeEnd) given its duration.
 * Steps follow the wall clock of `clock` so a 09:00 meeting stays at 09:00 across DST changes.
 */
export function expandStarts(
  rule: RecurrenceRule,
  first: number,
  duration: number,
  clock: ZoneClock,
  rangeStart: number,
  rangeEnd: number,
): number[] {
  const starts: number[] = [];
  const localFirst = clock.toLocal(first);
  const firstDay = Math.floor(localFirst / DAY_MS);
  const timeOfDay = localFirst - firstDay * DAY_MS;
  let emitted = 0;
  const take = (day: number): boolean => {
    const start = clock.fromLocal(day * DAY_MS + timeOfDay);
    if (start < first) return true;
    if (rule.until !== undefined && start > rule.until) return false;
    if (rule.count !== undefined && emitted >= rule.count) return false;
    emitted++;
    if (start >= rangeEnd) return false;
    if (start + duration > rangeStart) starts.push(start);
    return true;
  };
  for (let step = 0; step < MAX_STEPS; step++) {
    if (rule.freq === 'DAILY') {
      if (!take(firstDay + step * rule.interval)) break;
    } else if (rule.freq === 'WEEKLY') {
      const weekStart = firstDay - weekdayOf(firstDay) + step * 7 * rule.interval;
      const days = rule.byDay ?? [weekdayOf(firstDay)];
      let going = true;
      for (const weekday of [...days].sort((a, b) => a - b)) {
        if (!take(weekStart + weekday)) {
          going = false;
          break;
        }
      }
      if (!going) break;
    } else {
      const months = rule.freq === 'MONTHLY' ? step * rule.interval : step * rule.interval * 12;
      if (!take(addMonths(firstDay, months))) break;
    }
  }
  return starts;
}
