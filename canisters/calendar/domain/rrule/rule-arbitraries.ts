/** fast-check generators of RFC-valid RRULE texts, shared by the property and differential tests. */
import fc from 'fast-check';
import type { CivilDateTime } from '../civil.ts';
import { WEEKDAY_CODES } from './recurrence-rule.ts';

const subset = <T>(values: T[], max: number): fc.Arbitrary<T[]> =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });

export interface RuleShape {
  withSetPos: boolean;
  withOrdinals: boolean;
  withHours: boolean;
  withYearParts?: boolean;
}

/** An RRULE text without COUNT/UNTIL. */
export function openRuleText(
  shape: RuleShape = { withSetPos: true, withOrdinals: true, withHours: true, withYearParts: true },
): fc.Arbitrary<string> {
  return fc
    .record({
      freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.integer({ min: 1, max: 4 }),
      byMonth: fc.option(subset([1, 2, 3, 6, 9, 11, 12], 3), { nil: undefined }),
      byMonthDay: fc.option(subset([1, 2, 13, 15, 28, 29, 30, 31, -1, -2], 3), { nil: undefined }),
      byDay: fc.option(subset([...WEEKDAY_CODES], 3), { nil: undefined }),
      ordinals: fc.option(subset(['1MO', '2TU', '-1FR', '3SU', '-2WE'], 2), { nil: undefined }),
      byHour: fc.option(subset([6, 9, 13, 22], 2), { nil: undefined }),
      bySetPos: fc.option(fc.constantFrom('1', '-1', '2', '1,-1'), { nil: undefined }),
      byYearDay: fc.option(subset([1, 60, 100, 200, 365, 366, -1, -100], 3), { nil: undefined }),
      byWeekNo: fc.option(subset([1, 2, 20, 52, 53, -1], 2), { nil: undefined }),
      wkst: fc.constantFrom('MO', 'SU', 'WE'),
    })
    .map((r) => {
      const parts = [`FREQ=${r.freq}`];
      if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
      if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
      if (r.byMonthDay && r.freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
      const ordinalsAllowed = shape.withOrdinals && (r.freq === 'MONTHLY' || r.freq === 'YEARLY');
      if (r.ordinals && ordinalsAllowed) parts.push(`BYDAY=${r.ordinals.join(',')}`);
      else if (r.byDay) parts.push(`BYDAY=${r.byDay.join(',')}`);
      if (r.byHour && shape.withHours && r.freq === 'DAILY')
        parts.push(`BYHOUR=${r.byHour.join(',')}`);
      if (shape.withYearParts && r.freq === 'YEARLY') {
        if (r.byYearDay) parts.push(`BYYEARDAY=${r.byYearDay.join(',')}`);
        const ordinalsUsed = parts.some((part) => /^BYDAY=.*\d/.test(part));
        if (r.byWeekNo && !ordinalsUsed) parts.push(`BYWEEKNO=${r.byWeekNo.join(',')}`);
      }
      if (r.bySetPos && shape.withSetPos && parts.length > 1 + (r.interval > 1 ? 1 : 0))
        parts.push(`BYSETPOS=${r.bySetPos}`);
      parts.push(`WKST=${r.wkst}`);
      return parts.join(';');
    });
}

/** A local start in 2000–2030 (whole minutes). */
export const localStart = fc
  .record({
    year: fc.integer({ min: 2000, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
  })
  .map((t) => ({ ...t, second: 0 }));

/** An instant as an iCalendar UTC DATE-TIME (20250101T090000Z). */
export const icsUtc = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The UTC civil date-time of an instant, whole seconds dropped. */
export function utcCivil(ms: number): CivilDateTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: 0,
  };
}
