import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { expandEventOccurrences } from './expand-event.ts';
import type { CalendarEvent } from './event-types.ts';
import { validateEventInput } from './validate-event.ts';

const series = (timeZone: string, start: string, end: string): CalendarEvent => ({
  uid: 'gap',
  sequence: 0,
  overrides: [],
  title: 'Daily',
  timeZone,
  allDay: false,
  start,
  end,
  rrule: 'FREQ=DAILY;COUNT=3',
});

describe('instances in a DST gap', () => {
  it.each([
    ['Europe/Berlin', '2026-03-28T02:30:00', '2026-03-28T03:30:00', '2026-03-29'],
    ['America/New_York', '2026-03-07T02:30:00', '2026-03-07T03:30:00', '2026-03-08'],
    ['Australia/Lord_Howe', '2026-10-03T02:10:00', '2026-10-03T02:40:00', '2026-10-04'],
  ])(
    '%s: the local texts show the shifted wall time, as Temporal does',
    (zone, start, end, day) => {
      const occurrences = expandEventOccurrences(series(zone, start, end), {
        from: Date.UTC(2026, 0, 1),
        to: Date.UTC(2027, 0, 1),
      });
      const gap = occurrences.find((o) => o.startLocal.startsWith(day))!;
      const expected = (local: string): string =>
        Temporal.PlainDateTime.from(`${day}T${local.slice(11)}`)
          .toZonedDateTime(zone)
          .toPlainDateTime()
          .toString();
      expect(gap.recurrenceId).toBe(`${day}T${start.slice(11)}`);
      expect(gap.startLocal).toBe(expected(start));
      expect(gap.startLocal).not.toBe(gap.recurrenceId);
      // the instance keeps the series' exact length from its shifted start
      const length = occurrences[0]!.end - occurrences[0]!.start;
      expect(gap.end - gap.start).toBe(length);
      expect(gap.endLocal).toBe(
        Temporal.PlainDateTime.from(expected(start))
          .toZonedDateTime(zone)
          .add({ milliseconds: length })
          .toPlainDateTime()
          .toString(),
      );
    },
  );
});

describe('a one-off event in a DST gap', () => {
  it('is refused with a message that names the gap', () => {
    expect(() =>
      validateEventInput({
        title: 'Gap',
        timeZone: 'Europe/Berlin',
        allDay: false,
        start: '2026-03-29T02:30:00',
        end: '2026-03-29T03:15:00',
      }),
    ).toThrowError(
      'end: must not be before start (2026-03-29T02:30:00), found 2026-03-29T03:15:00: ' +
        'the start falls in the DST gap of Europe/Berlin on 2026-03-29 (clocks skip 60 minutes), ' +
        'so it is 2026-03-29T03:30:00',
    );
  });
});
