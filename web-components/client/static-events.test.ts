import { describe, expect, it } from 'vitest';

import { occurrencesFromPlain } from './static-events.ts';

describe('occurrencesFromPlain', () => {
  it('reads bare dates as floating all-day days and date-times as instants', () => {
    const [allDay, timed, open] = occurrencesFromPlain(
      [
        { title: 'Trip', start: '2025-03-18', end: '2025-03-21' },
        { id: 'm', title: 'Meeting', start: '2025-03-12T10:00:00Z', end: '2025-03-12T11:00:00Z' },
        { title: 'Holiday', start: '2025-03-01', allDay: true },
      ],
      'UTC',
    );
    expect([allDay!.allDay, allDay!.start, allDay!.end]).toEqual([
      true,
      Date.UTC(2025, 2, 18),
      Date.UTC(2025, 2, 21),
    ]);
    expect([timed!.eventId, timed!.allDay, timed!.end - timed!.start]).toEqual([
      'm',
      false,
      3_600_000,
    ]);
    expect(open!.end - open!.start).toBe(86_400_000);
  });
});
