/** Oracle-free properties of the expander (calendar-anchors §6.3 metamorphic relations). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilOfEpochDay,
  daysInMonth,
  epochDayOf,
  weekdayOfEpochDay,
  type CivilDateTime,
} from '../civil.ts';
import { expand } from './expand-recurrence.ts';
import { parseRecurrenceRule } from './parse-rrule.ts';
import { formatRecurrenceRule } from './format-rrule.ts';
import { WEEKDAY_CODES, type RecurrenceRule } from './recurrence-rule.ts';
import { localStart, openRuleText } from './rule-arbitraries.ts';

const zones = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
);
const YEAR_MS = 365.25 * 86_400_000;

/** Moves DTSTART onto the rule's first instance after it, so the RFC's "DTSTART matches" holds. */
function synchronisedStart(
  rule: RecurrenceRule,
  start: CivilDateTime,
  zone: string,
): CivilDateTime | undefined {
  const to = Date.UTC(start.year + 12, 0, 1); // rules that match nothing in 12 years are skipped
  const probe = expand({ ...rule, count: undefined, until: undefined }, start, zone, {
    limit: 2,
    to,
  });
  return probe[1]?.local;
}

function matchesByParts(rule: RecurrenceRule, t: CivilDateTime): boolean {
  const epochDay = epochDayOf(t.year, t.month, t.day);
  const weekday = weekdayOfEpochDay(epochDay);
  if (rule.byMonth.length > 0 && !rule.byMonth.includes(t.month)) return false;
  const length = daysInMonth(t.year, t.month);
  if (
    rule.byMonthDay.length > 0 &&
    !rule.byMonthDay.some((d) => d === t.day || d === t.day - length - 1)
  )
    return false;
  if (rule.byHour.length > 0 && !rule.byHour.includes(t.hour)) return false;
  if (rule.byDay.length > 0) {
    const ok = rule.byDay.some((d) => {
      if (d.weekday !== weekday) return false;
      if (d.ordinal === undefined) return true;
      const scopeMonth = rule.freq === 'MONTHLY' || rule.byMonth.length > 0;
      const first = scopeMonth ? epochDayOf(t.year, t.month, 1) : epochDayOf(t.year, 1, 1);
      const last = scopeMonth ? first + length - 1 : epochDayOf(t.year, 12, 31);
      const nth =
        d.ordinal > 0
          ? Math.floor((epochDay - first) / 7) + 1
          : -(Math.floor((last - epochDay) / 7) + 1);
      return nth === d.ordinal;
    });
    if (!ok) return false;
  }
  if (rule.byYearDay.length > 0) {
    const dayOfYear = epochDay - epochDayOf(t.year, 1, 1) + 1;
    const yearLength = epochDayOf(t.year + 1, 1, 1) - epochDayOf(t.year, 1, 1);
    if (!rule.byYearDay.some((d) => d === dayOfYear || d === dayOfYear - yearLength - 1))
      return false;
  }
  if (rule.byWeekNo.length > 0) {
    const { week, weeksInYear } = weekNumber(epochDay, rule.wkst);
    if (!rule.byWeekNo.some((w) => w === week || w === week - weeksInYear - 1)) return false;
  }
  return civilOfEpochDay(epochDay).day === t.day;
}

/** Week number with weeks starting on `wkst` (0 = Monday) and week 1 holding January 4th — via Date. */
function weekNumber(epochDay: number, wkst: number): { week: number; weeksInYear: number } {
  const weekStart = (day: number): number =>
    day - ((new Date(day * 86_400_000).getUTCDay() + 6 - wkst + 7) % 7);
  const ownStart = weekStart(epochDay);
  // the week belongs to the year holding its Thursday-equivalent (4th day of the week)
  const year = new Date((ownStart + 3) * 86_400_000).getUTCFullYear();
  const firstWeek = weekStart(Date.UTC(year, 0, 4) / 86_400_000);
  const nextFirstWeek = weekStart(Date.UTC(year + 1, 0, 4) / 86_400_000);
  return { week: (ownStart - firstWeek) / 7 + 1, weeksInYear: (nextFirstWeek - firstWeek) / 7 };
}

const cases = fc.record({ text: openRuleText(), start: localStart, zone: zones });

describe('expansion properties', () => {
  it('parse(format(rule)) = rule', () => {
    fc.assert(
      fc.property(openRuleText(), (text) => {
        const rule = parseRecurrenceRule(text);
        expect(parseRecurrenceRule(formatRecurrenceRule(rule))).toEqual(rule);
      }),
      { numRuns: 500 },
    );
  });

  it('adjacent ranges expand to their union; output sorted and duplicate-free', () => {
    fc.assert(
      fc.property(
        cases,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ text, start, zone }, split) => {
          const rule = parseRecurrenceRule(text);
          const dtstart = synchronisedStart(rule, start, zone);
          if (!dtstart) return;
          const a = Date.UTC(dtstart.year, dtstart.month - 1, dtstart.day) - 40 * 86_400_000;
          const c = a + 3 * YEAR_MS;
          const b = Math.round(a + split * (c - a));
          const whole = expand(rule, dtstart, zone, { from: a, to: c }).map((i) => i.utcMs);
          const left = expand(rule, dtstart, zone, { from: a, to: b }).map((i) => i.utcMs);
          const right = expand(rule, dtstart, zone, { from: b, to: c }).map((i) => i.utcMs);
          expect([...left, ...right]).toEqual(whole);
          for (let i = 1; i < whole.length; i++) expect(whole[i]! > whole[i - 1]!).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a window far from DTSTART equals the same slice of the full expansion (jump-ahead is exact)', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 1, max: 20 }), ({ text, start, zone }, yearsLater) => {
        const rule = parseRecurrenceRule(text);
        const dtstart = synchronisedStart(rule, start, zone);
        if (!dtstart) return;
        const from = Date.UTC(dtstart.year + yearsLater, 0, 1);
        const to = from + YEAR_MS;
        const windowed = expand(rule, dtstart, zone, { from, to }).map((i) => i.utcMs);
        const full = expand(rule, dtstart, zone, { to, maxInstances: 100_000 })
          .map((i) => i.utcMs)
          .filter((t) => t >= from);
        expect(windowed).toEqual(full);
      }),
      { numRuns: 150 },
    );
  });

  it('COUNT=n gives the first n instances of the open rule; UNTIL=t the open rule up to t', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 1, max: 30 }), ({ text, start, zone }, n) => {
        const rule = parseRecurrenceRule(text);
        const dtstart = synchronisedStart(rule, start, zone);
        if (!dtstart) return;
        const open = expand(rule, dtstart, zone, { limit: n + 5 }).map((i) => i.utcMs);
        const counted = expand({ ...rule, count: n }, dtstart, zone).map((i) => i.utcMs);
        expect(counted).toEqual(open.slice(0, n));
        if (open.length > n) expect(counted.length).toBe(n);
        const cut = open[Math.min(n, open.length) - 1]!;
        const d = new Date(cut);
        const untilRule = {
          ...rule,
          until: {
            form: 'utc' as const,
            dateTime: {
              year: d.getUTCFullYear(),
              month: d.getUTCMonth() + 1,
              day: d.getUTCDate(),
              hour: d.getUTCHours(),
              minute: d.getUTCMinutes(),
              second: d.getUTCSeconds(),
            },
          },
        };
        expect(expand(untilRule, dtstart, zone).map((i) => i.utcMs)).toEqual(
          open.filter((t) => t <= cut),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('every instance (apart from DTSTART) satisfies the BY parts and keeps the local time of day', () => {
    fc.assert(
      fc.property(cases, ({ text, start, zone }) => {
        const rule = parseRecurrenceRule(text);
        const dtstart = synchronisedStart(rule, start, zone);
        if (!dtstart) return;
        const result = expand(rule, dtstart, zone, { limit: 60 });
        for (const instance of result.slice(1)) {
          expect(
            matchesByParts(rule, instance.local),
            `${text} ${JSON.stringify(instance.local)}`,
          ).toBe(true);
          if (rule.byHour.length === 0) {
            // wall time is constant except where a DST gap pushed it forward
            const shifted =
              instance.local.hour !== dtstart.hour || instance.local.minute !== dtstart.minute;
            if (shifted) expect(zone).not.toBe('UTC');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('BYWEEKNO and BYYEARDAY rules yield exactly the days whose week/year-day numbers match', () => {
    const yearlyRules = fc
      .record({
        weeks: fc.uniqueArray(fc.constantFrom(1, 2, 20, 52, 53, -1, -2), {
          minLength: 1,
          maxLength: 2,
        }),
        days: fc.uniqueArray(fc.constantFrom(...WEEKDAY_CODES), { minLength: 1, maxLength: 2 }),
        yearDays: fc.option(
          fc.uniqueArray(fc.constantFrom(1, 3, 200, 365, 366, -1, -3), {
            minLength: 1,
            maxLength: 2,
          }),
          {
            nil: undefined,
          },
        ),
        wkst: fc.constantFrom(...WEEKDAY_CODES),
      })
      .map(
        (r) =>
          `FREQ=YEARLY;BYWEEKNO=${r.weeks.join(',')};BYDAY=${r.days.join(',')}` +
          (r.yearDays ? `;BYYEARDAY=${r.yearDays.join(',')}` : '') +
          `;WKST=${r.wkst}`,
      );
    fc.assert(
      fc.property(yearlyRules, fc.integer({ min: 2000, max: 2030 }), (text, year) => {
        const rule = parseRecurrenceRule(text);
        const start = { year, month: 1, day: 1, hour: 10, minute: 0, second: 0 };
        const found = expand(rule, start, 'UTC', { to: Date.UTC(year + 6, 0, 1) }).slice(1);
        // brute force: every day of the six years that satisfies the parts, after DTSTART
        const expected: string[] = [];
        for (let day = epochDayOf(year, 1, 2); day < epochDayOf(year + 6, 1, 1); day++) {
          const civil = civilOfEpochDay(day);
          if (matchesByParts(rule, { ...civil, hour: 10, minute: 0, second: 0 }))
            expected.push(`${civil.year}-${civil.month}-${civil.day}`);
        }
        expect(found.map((i) => `${i.local.year}-${i.local.month}-${i.local.day}`)).toEqual(
          expected,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('weekday codes are stable', () => {
    expect(WEEKDAY_CODES[weekdayOfEpochDay(epochDayOf(2025, 11, 24))]).toBe('MO');
  });
});
