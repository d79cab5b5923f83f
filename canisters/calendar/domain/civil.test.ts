import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilOfEpochDay, civilOfWallSeconds, epochDayOf, weekdayOfEpochDay } from './civil.ts';

describe('civil date arithmetic', () => {
  it('agrees with Date.UTC for every day of years 1…9999 (sampled) and round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: epochDayOf(1, 1, 1), max: epochDayOf(9999, 12, 31) }),
        (epochDay) => {
          const civil = civilOfEpochDay(epochDay);
          const date = new Date(epochDay * 86_400_000);
          expect(civil).toEqual({
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
          });
          expect(epochDayOf(civil.year, civil.month, civil.day)).toBe(epochDay);
          expect(weekdayOfEpochDay(epochDay)).toBe((date.getUTCDay() + 6) % 7);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('splits wall seconds, also before 1970', () => {
    expect(civilOfWallSeconds(-1)).toEqual({
      year: 1969,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
    });
    expect(civilOfWallSeconds(86_400 * 365 + 3_723)).toEqual({
      year: 1971,
      month: 1,
      day: 1,
      hour: 1,
      minute: 2,
      second: 3,
    });
  });
});
