/**
 * A case where rrule.js 2.8.1 and this engine disagree on MINUTELY, settled from RFC 5545 §3.3.10:
 * rrule.js skips grid times after an hour its BYHOUR rejects when the interval does not divide an
 * hour. (A randomized comparison with rrule.js was tried: its minute-by-minute walk made 60 cases
 * take over two minutes, so the property tests use the brute-force reading in sub-daily-oracle.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expand } from './expand-recurrence.ts';
import { utcCivil } from './rule-arbitraries.ts';
import { bruteForceInstants } from './sub-daily-oracle.ts';

describe('adjudicated against RFC 5545', () => {
  it('every 7 minutes at :45 of hours 0, 1 and 5 on the 1st and 2nd: 2 Jan 05:45 is an instance', () => {
    // 01:45 + 240 × 7 minutes = 2 Jan 05:45, which passes BYMONTHDAY, BYHOUR and BYMINUTE;
    // rrule.js 2.8.1 leaves it out, the minute-by-minute reading (sub-daily-oracle.ts) keeps it
    const c = {
      rule: 'FREQ=MINUTELY;INTERVAL=7;BYMONTHDAY=1,2;BYHOUR=5,1,0;BYMINUTE=45',
      zone: 'UTC',
      dtstart: utcCivil(Date.UTC(2020, 0, 1, 1, 45)),
      fromMs: Date.UTC(2020, 0, 1, 1, 45),
      toMs: Date.UTC(2020, 0, 4),
    };
    const ours = expand(c.rule, c.dtstart, 'UTC', { to: c.toMs }).map((i) => i.utcMs);
    expect(ours).toEqual([Date.UTC(2020, 0, 1, 1, 45), Date.UTC(2020, 0, 2, 5, 45)]);
    expect(ours).toEqual(bruteForceInstants(c));
  });
});
