import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from './event-types.ts';
import { listOccurrences } from './list-occurrences.ts';

const event = (uid: string, start: string, rrule?: string): CalendarEvent => ({
  uid,
  sequence: 0,
  title: uid,
  timeZone: 'America/New_York',
  allDay: false,
  start,
  end: start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`),
  ...(rrule ? { rrule } : {}),
  overrides: [],
});

describe('listOccurrences', () => {
  const events = [
    event('b', '2025-01-06T09:00:00', 'FREQ=DAILY'),
    event('a', '2025-01-07T08:00:00'),
    event('c', '2025-01-06T09:00:00', 'FREQ=WEEKLY'),
  ];
  const window = { from: Date.UTC(2025, 0, 6), to: Date.UTC(2025, 0, 9) };

  it('merges events by start, then uid', () => {
    const { occurrences, truncated } = listOccurrences(events, window);
    expect(occurrences.map((o) => `${o.startLocal.slice(5, 13)} ${o.uid}`)).toEqual([
      '01-06T09 b',
      '01-06T09 c',
      '01-07T08 a',
      '01-07T09 b',
      '01-08T09 b',
    ]);
    expect(truncated).toBe(false);
  });

  it('cuts at the limit and says so; refuses huge windows', () => {
    const { occurrences, truncated } = listOccurrences(events, { ...window, limit: 2 });
    expect(occurrences).toHaveLength(2);
    expect(truncated).toBe(true);
    expect(() => listOccurrences(events, { from: 0, to: Date.UTC(2100, 0, 1) })).toThrowError(
      expect.objectContaining({ code: 'RANGE_INVALID' }),
    );
  });
});
