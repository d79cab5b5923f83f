/**
 * HOURLY and MINUTELY across DST, as properties: the engine's instances equal a brute-force reading
 * of the rule (every wall-clock minute tested against the RFC's definition, converted with Temporal's
 * "compatible" disambiguation = RFC 5545 §3.3.5), in zones with 30-minute shifts (Lord Howe), odd
 * offsets (Kathmandu, Chatham), negative DST (Dublin), abolished DST (Sao Paulo) and New York.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { type CivilDateTime } from '../civil.ts';
import { expand } from './expand-recurrence.ts';
import { utcCivil } from './rule-arbitraries.ts';
import {
  bruteForceInstants,
  matchesRule,
  subDailyRule,
  wallMs,
  type SubDailyCase,
} from './sub-daily-oracle.ts';

const ZONES = [
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Europe/Dublin',
  'America/New_York',
];

/** The next offset change at or after a UTC instant (or the instant itself in a zone without one). */
function nextTransition(zone: string, utcMs: number): number {
  const after = Temporal.Instant.fromEpochMilliseconds(utcMs)
    .toZonedDateTimeISO(zone)
    .getTimeZoneTransition('next');
  return after === null ? utcMs : after.epochMilliseconds;
}

const plainOf = (t: CivilDateTime): Temporal.PlainDateTime =>
  new Temporal.PlainDateTime(t.year, t.month, t.day, t.hour, t.minute, t.second);

/** A case: a rule, a DTSTART up to a day before one of the zone's offset changes, a 2-day window. */
const cases = (zone: string): fc.Arbitrary<SubDailyCase> =>
  fc
    .record({
      rule: subDailyRule,
      base: fc.integer({ min: Date.UTC(2012, 0, 1), max: Date.UTC(2030, 0, 1) }),
      lead: fc.integer({ min: 0, max: 24 * 60 }),
    })
    .map(({ rule, base, lead }) => {
      const transition = nextTransition(zone, base);
      const wallOfTransition = Temporal.Instant.fromEpochMilliseconds(transition)
        .toZonedDateTimeISO(zone)
        .toPlainDateTime();
      const startWall = Math.floor(wallMs(wallOfTransition) / 60_000) * 60_000 - lead * 60_000;
      const dtstart = utcCivil(startWall);
      const fromMs = plainOf(dtstart).toZonedDateTime(zone).epochMilliseconds;
      return { rule, zone, dtstart, fromMs, toMs: transition + 86_400_000 };
    });

describe('HOURLY and MINUTELY across DST changes', () => {
  it.each(ZONES)('in %s: equal to the brute-force reading of the rule', (zone) => {
    let instancesSeen = 0;
    fc.assert(
      fc.property(cases(zone), (c) => {
        const ours = expand(c.rule, c.dtstart, zone, { to: c.toMs, limit: 5000 });
        const expected = bruteForceInstants(c);
        const starts = ours.map((i) => i.utcMs);
        // none duplicated, in order
        for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]!);
        // none skipped, none extra
        expect(starts, `${c.rule} from ${plainOf(c.dtstart).toString()} in ${zone}`).toEqual(
          expected,
        );
        for (const instance of ours) {
          // every instance is inside the rule (its rule time), and its instant is that local time
          // read as RFC 5545 says (a time in a gap moves forward by the gap's length)
          expect(matchesRule(c, wallMs(plainOf(instance.local)))).toBe(true);
          expect(plainOf(instance.local).toZonedDateTime(zone).epochMilliseconds).toBe(
            instance.utcMs,
          );
        }
        instancesSeen += ours.length;
      }),
      { numRuns: 40, seed: 18 },
    );
    expect(instancesSeen).toBeGreaterThan(400);
  });

  it.each(ZONES)(
    'in %s: a window split in two gives the same instances (range additivity)',
    (zone) => {
      fc.assert(
        fc.property(cases(zone), fc.double({ min: 0, max: 1, noNaN: true }), (c, cut) => {
          const middle = Math.round(c.fromMs + (c.toMs - c.fromMs) * cut);
          const whole = expand(c.rule, c.dtstart, zone, {
            from: c.fromMs,
            to: c.toMs,
            limit: 5000,
          });
          const left = expand(c.rule, c.dtstart, zone, { from: c.fromMs, to: middle, limit: 5000 });
          const right = expand(c.rule, c.dtstart, zone, { from: middle, to: c.toMs, limit: 5000 });
          expect([...left, ...right].map((i) => i.utcMs)).toEqual(whole.map((i) => i.utcMs));
        }),
        { numRuns: 20, seed: 5545 },
      );
    },
  );
});

const local = (zone: string, utcMs: number): string =>
  Temporal.Instant.fromEpochMilliseconds(utcMs).toZonedDateTimeISO(zone).toString().slice(0, 25);

describe('HOURLY and MINUTELY at the edges of a gap or an overlap', () => {
  it("every 7 minutes through New York's spring gap: the shifted 02:xx times interleave with 03:xx", () => {
    const c: SubDailyCase = {
      rule: 'FREQ=MINUTELY;INTERVAL=7',
      zone: 'America/New_York',
      dtstart: { year: 2026, month: 3, day: 8, hour: 1, minute: 0, second: 0 },
      fromMs: Date.UTC(2026, 2, 8, 6),
      toMs: Date.UTC(2026, 2, 8, 9),
    };
    const ours = expand(c.rule, c.dtstart, c.zone, { to: c.toMs }).map((i) => i.utcMs);
    expect(ours).toEqual(bruteForceInstants(c));
    // 02:03 does not exist and means 03:03 EDT; 03:06 (a grid time past the gap) comes after it
    // and before 02:10 (03:10 EDT)
    const walls = ours.map((ms) => local(c.zone, ms).slice(11, 16));
    expect(walls.slice(8, 14)).toEqual(['01:56', '03:03', '03:06', '03:10', '03:13', '03:17']);
  });

  it("hourly at :15 through Lord Howe's 30-minute gap: 02:15 becomes 02:45", () => {
    const instances = expand(
      'FREQ=HOURLY;COUNT=4',
      { year: 2026, month: 10, day: 4, hour: 0, minute: 15, second: 0 },
      'Australia/Lord_Howe',
    );
    expect(instances.map((i) => local('Australia/Lord_Howe', i.utcMs))).toEqual([
      '2026-10-04T00:15:00+10:30',
      '2026-10-04T01:15:00+10:30',
      '2026-10-04T02:45:00+11:00',
      '2026-10-04T03:15:00+11:00',
    ]);
    expect(instances[2]!.local.hour).toBe(2); // the rule time stays the instance's identity
  });

  it("hourly through New York's fall-back: 01:30 names its first occurrence only (RFC 5545 §3.3.5)", () => {
    const instances = expand(
      'FREQ=HOURLY;COUNT=4',
      { year: 2026, month: 11, day: 1, hour: 0, minute: 30, second: 0 },
      'America/New_York',
    );
    expect(instances.map((i) => local('America/New_York', i.utcMs))).toEqual([
      '2026-11-01T00:30:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T02:30:00-05:00',
      '2026-11-01T03:30:00-05:00',
    ]);
  });

  it.each(
    ZONES.flatMap((zone) => [
      [zone, 'FREQ=MINUTELY;INTERVAL=5;BYHOUR=1,2,3;COUNT=5000'],
      [zone, 'FREQ=HOURLY;BYMINUTE=0,30;BYSETPOS=-1;COUNT=3200'],
      [zone, 'FREQ=MINUTELY;INTERVAL=30;BYSECOND=0,30;COUNT=13000'],
    ]),
  )(
    'in %s: %s counted cheaply far before `from` gives the instances a full walk gives',
    (zone, rule) => {
      const start = { year: 2026, month: 2, day: 15, hour: 1, minute: 0, second: 0 };
      const from = Date.UTC(2026, 5, 20);
      const to = Date.UTC(2026, 6, 20);
      const all = expand(rule, start, zone, { to, limit: 20_000 });
      const tail = expand(rule, start, zone, { from, to });
      expect(tail.length).toBeGreaterThan(100);
      expect(tail).toEqual(all.filter((i) => i.utcMs >= from));
    },
  );

  it('a minutely rule 10 years out starts at `from` without walking from DTSTART', () => {
    const from = Date.UTC(2036, 5, 1);
    const instances = expand(
      'FREQ=MINUTELY;INTERVAL=5',
      { year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
      'Pacific/Chatham',
      { from, limit: 3, maxIterations: 1000 },
    );
    expect(instances.map((i) => i.utcMs)).toEqual([from, from + 300_000, from + 600_000]);
  });

  it('a sparse rule (29 February, minutely, 09:00–09:59) skips whole days and hours', () => {
    const instances = expand(
      'FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9',
      { year: 2025, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
      'Europe/Dublin',
      { to: Date.UTC(2033, 0, 1), maxIterations: 5000 },
    );
    expect(instances).toHaveLength(1 + 2 * 60); // DTSTART, then 2028 and 2032
  });

  it('is bounded: too many instances or periods give EXPANSION_LIMIT with the figure', () => {
    const start = { year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    expect(() => expand('FREQ=MINUTELY', start, 'UTC', { to: Date.UTC(2026, 1, 1) })).toThrowError(
      expect.objectContaining({
        code: 'EXPANSION_LIMIT',
        message: expect.stringContaining('10000 instances'),
      }),
    );
    expect(() =>
      expand('FREQ=MINUTELY;BYMONTHDAY=31;BYMONTH=2', start, 'UTC', {
        limit: 2,
        maxIterations: 200,
      }),
    ).toThrowError(
      expect.objectContaining({
        code: 'EXPANSION_LIMIT',
        message: expect.stringContaining('200 minutely periods'),
      }),
    );
  });
});
