/** HOURLY and MINUTELY series as events: validation, EXDATE, UNTIL and the occurrence limit. */
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from './event-types.ts';
import { expandEventOccurrences } from './expand-event.ts';
import { validateEventInput } from './validate-event.ts';

const hourly: CalendarEvent = {
  uid: 'pills@test',
  sequence: 0,
  title: 'Every 4 hours',
  timeZone: 'America/New_York',
  allDay: false,
  start: '2026-03-07T22:00:00',
  end: '2026-03-07T22:10:00',
  rrule: 'FREQ=HOURLY;INTERVAL=4;UNTIL=20260309T040000Z',
  exdates: ['2026-03-08T06:00:00'],
  overrides: [],
};

describe('sub-daily series', () => {
  it('are valid event input, and an invalid combination names the part', () => {
    expect(() => validateEventInput({ ...hourly })).not.toThrow();
    expect(() => validateEventInput({ ...hourly, rrule: 'FREQ=MINUTELY;BYDAY=2MO' })).toThrowError(
      expect.objectContaining({ message: expect.stringContaining('BYDAY ordinals') }),
    );
  });

  it('skip an EXDATE, keep the wall-clock grid across the gap and stop at UNTIL', () => {
    const occurrences = expandEventOccurrences(hourly, {
      from: Date.UTC(2026, 2, 7),
      to: Date.UTC(2026, 2, 10),
    });
    expect(occurrences.map((o) => o.startLocal)).toEqual([
      '2026-03-07T22:00:00',
      '2026-03-08T02:00:00'.replace('02:00', '03:00'), // 02:00 is in the gap: 03:00 EDT
      '2026-03-08T10:00:00',
      '2026-03-08T14:00:00',
      '2026-03-08T18:00:00',
      '2026-03-08T22:00:00',
    ]);
    expect(occurrences[1]!.recurrenceId).toBe('2026-03-08T02:00:00');
    expect(occurrences.every((o) => o.end - o.start === 10 * 60_000)).toBe(true);
  });

  it("stop at the window's occurrence limit", () => {
    const minutely = { ...hourly, rrule: 'FREQ=MINUTELY', exdates: [] };
    const page = expandEventOccurrences(minutely, {
      from: Date.UTC(2026, 5, 1),
      to: Date.UTC(2026, 6, 1),
      limit: 100,
    });
    expect(page).toHaveLength(100);
    expect(page[99]!.start - page[0]!.start).toBe(99 * 60_000);
  });
});
