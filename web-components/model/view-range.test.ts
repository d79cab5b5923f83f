import { describe, expect, it } from 'vitest';

import { dayFromYmd, isoDay } from './days.ts';
import { queryRange, shiftPeriod, visibleDays } from './view-range.ts';
import { ZoneClock } from './zone-clock.ts';

const mid = dayFromYmd(2025, 3, 12);

describe('view ranges', () => {
  it('shows six whole weeks for a month, from the week holding the 1st', () => {
    const monday = visibleDays('month', mid, 1);
    const sunday = visibleDays('month', mid, 0);
    expect([isoDay(monday.firstDay), monday.dayCount]).toEqual(['2025-02-24', 42]);
    expect(isoDay(sunday.firstDay)).toBe('2025-02-23');
  });

  it('shows a week, a day, or the calendar month for the agenda', () => {
    expect(isoDay(visibleDays('week', mid, 1).firstDay)).toBe('2025-03-10');
    expect(visibleDays('day', mid, 1)).toEqual({ firstDay: mid, dayCount: 1 });
    expect(visibleDays('agenda', dayFromYmd(2025, 2, 20), 1).dayCount).toBe(28);
  });

  it('moves by the view period, clamping month ends', () => {
    expect(isoDay(shiftPeriod('month', dayFromYmd(2025, 1, 31), 1))).toBe('2025-02-28');
    expect(isoDay(shiftPeriod('week', mid, -1))).toBe('2025-03-05');
    expect(isoDay(shiftPeriod('day', mid, 1))).toBe('2025-03-13');
  });

  it('asks for the visible instants in the display zone, padded by a day', () => {
    const range = queryRange({ firstDay: mid, dayCount: 1 }, new ZoneClock('Asia/Tokyo'));
    expect(new Date(range.start).toISOString()).toBe('2025-03-10T15:00:00.000Z');
    expect(new Date(range.end).toISOString()).toBe('2025-03-13T15:00:00.000Z');
  });
});
