import { describe, expect, it } from 'vitest';

import { dayFromYmd } from './days.ts';
import { ZoneClock } from './zone-clock.ts';

describe('ZoneClock', () => {
  const newYork = new ZoneClock('America/New_York');

  it('reads offsets either side of a DST change', () => {
    expect(newYork.offsetAt(Date.UTC(2025, 2, 9, 6, 59)) / 3_600_000).toBe(-5);
    expect(newYork.offsetAt(Date.UTC(2025, 2, 9, 7, 0)) / 3_600_000).toBe(-4);
  });

  it('maps wall-clock time to instants: gaps move forward, overlaps take the earlier instant', () => {
    const march9 = dayFromYmd(2025, 3, 9);
    expect(new Date(newYork.instantOf(march9, 150)).toISOString()).toBe('2025-03-09T07:30:00.000Z');
    const november2 = dayFromYmd(2025, 11, 2);
    expect(new Date(newYork.instantOf(november2, 90)).toISOString()).toBe(
      '2025-11-02T05:30:00.000Z',
    );
  });

  it('gives the local day and minute of an instant', () => {
    const instant = Date.UTC(2025, 2, 10, 2, 30);
    expect([newYork.dayOf(instant) - dayFromYmd(2025, 3, 9), newYork.minuteOfDay(instant)]).toEqual(
      [0, 22 * 60 + 30],
    );
  });
});
