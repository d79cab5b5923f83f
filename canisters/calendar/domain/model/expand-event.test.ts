import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { CalendarEvent } from './event-types.ts';
import { expandEventOccurrences } from './expand-event.ts';

const weekly: CalendarEvent = {
  uid: 'standup@test',
  sequence: 0,
  title: 'Standup',
  timeZone: 'Europe/Berlin',
  allDay: false,
  start: '2025-03-17T09:00:00',
  end: '2025-03-17T09:30:00',
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  overrides: [],
};

const utc = (iso: string): number => Date.parse(iso);
const window = (from: string, to: string) => ({ from: utc(from), to: utc(to) });

describe('expandEventOccurrences', () => {
  it('keeps 09:00 Berlin across the March DST change (UTC hour moves from 08 to 07)', () => {
    const result = expandEventOccurrences(weekly, window('2025-03-17T00:00Z', '2025-04-08T00:00Z'));
    expect(result.map((o) => o.startLocal)).toEqual([
      '2025-03-17T09:00:00',
      '2025-03-24T09:00:00',
      '2025-03-31T09:00:00',
      '2025-04-07T09:00:00',
    ]);
    expect(result.map((o) => new Date(o.start).toISOString().slice(11, 16))).toEqual([
      '08:00',
      '08:00',
      '07:00',
      '07:00',
    ]);
    expect(result.every((o) => o.end - o.start === 30 * 60_000)).toBe(true);
  });

  it("spells a single event's local times canonically, ending in a DST gap as the clock reads", () => {
    const single = { ...weekly, rrule: undefined };
    const [short] = expandEventOccurrences(
      { ...single, start: '2025-03-03T09:00', end: '2025-03-03T10:00' },
      window('2025-03-01T00:00Z', '2025-04-01T00:00Z'),
    );
    expect([short!.startLocal, short!.endLocal]).toEqual([
      '2025-03-03T09:00:00',
      '2025-03-03T10:00:00',
    ]);
    // 02:30 does not exist in Berlin on 2025-03-30: the hour-long event ends at 03:30 CEST.
    const [gap] = expandEventOccurrences(
      { ...single, start: '2025-03-30T01:30:00', end: '2025-03-30T02:30:00' },
      window('2025-03-01T00:00Z', '2025-04-01T00:00Z'),
    );
    expect([gap!.startLocal, gap!.endLocal]).toEqual([
      '2025-03-30T01:30:00',
      '2025-03-30T03:30:00',
    ]);
    expect(gap!.end - gap!.start).toBe(3_600_000);
    const [day] = expandEventOccurrences(
      { ...single, allDay: true, start: '2025-03-07', end: '2025-03-09' },
      window('2025-03-01T00:00Z', '2025-04-01T00:00Z'),
    );
    expect([day!.startLocal, day!.endLocal]).toEqual(['2025-03-07', '2025-03-09']);
  });

  it('applies EXDATE, RDATE and overrides (moved, retitled, cancelled)', () => {
    const event: CalendarEvent = {
      ...weekly,
      exdates: ['2025-03-24T09:00'],
      rdates: ['2025-03-27T15:00:00'],
      overrides: [
        {
          recurrenceId: '2025-03-31T09:00:00',
          start: '2025-04-01T10:00:00',
          end: '2025-04-01T11:00:00',
          title: 'Moved',
        },
        { recurrenceId: '2025-04-07T09:00:00', cancelled: true },
      ],
    };
    const result = expandEventOccurrences(event, window('2025-03-17T00:00Z', '2025-04-15T00:00Z'));
    expect(result.map((o) => [o.startLocal, o.title, o.overridden, o.recurrenceId])).toEqual([
      ['2025-03-17T09:00:00', 'Standup', false, '2025-03-17T09:00:00'],
      ['2025-03-27T15:00:00', 'Standup', false, '2025-03-27T15:00:00'],
      ['2025-04-01T10:00:00', 'Moved', true, '2025-03-31T09:00:00'],
      ['2025-04-14T09:00:00', 'Standup', false, '2025-04-14T09:00:00'],
    ]);
  });

  it('an override moved into the window appears even when its original slot is outside', () => {
    const event: CalendarEvent = {
      ...weekly,
      overrides: [
        {
          recurrenceId: '2025-03-17T09:00:00',
          start: '2025-05-01T09:00:00',
          end: '2025-05-01T10:00:00',
        },
      ],
    };
    const result = expandEventOccurrences(event, window('2025-04-30T00:00Z', '2025-05-03T00:00Z'));
    expect(result.map((o) => o.recurrenceId)).toEqual(['2025-03-17T09:00:00']);
  });

  it('includes an instance that started before the window and still runs', () => {
    const long: CalendarEvent = { ...weekly, end: '2025-03-17T12:00:00' };
    const result = expandEventOccurrences(long, window('2025-03-24T10:00Z', '2025-03-24T11:00Z'));
    expect(result.map((o) => o.startLocal)).toEqual(['2025-03-24T09:00:00']);
  });

  it('expands all-day events in days and a single event once', () => {
    const holiday: CalendarEvent = {
      ...weekly,
      allDay: true,
      start: '2025-12-24',
      end: '2025-12-27',
      rrule: 'FREQ=YEARLY;COUNT=3',
    };
    const result = expandEventOccurrences(
      holiday,
      window('2025-01-01T00:00Z', '2030-01-01T00:00Z'),
    );
    expect(result.map((o) => `${o.startLocal}/${o.endLocal}`)).toEqual([
      '2025-12-24/2025-12-27',
      '2026-12-24/2026-12-27',
      '2027-12-24/2027-12-27',
    ]);
    const single: CalendarEvent = { ...weekly, rrule: undefined };
    expect(
      expandEventOccurrences(single, window('2025-03-17T00:00Z', '2025-03-18T00:00Z')),
    ).toHaveLength(1);
    expect(
      expandEventOccurrences(single, window('2025-03-18T00:00Z', '2025-03-19T00:00Z')),
    ).toHaveLength(0);
  });

  it('rejects an inverted window and bounds the work', () => {
    expect(() => expandEventOccurrences(weekly, { from: 10, to: 0 })).toThrowError(DomainError);
    const daily: CalendarEvent = { ...weekly, rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' };
    expect(() =>
      expandEventOccurrences(daily, {
        ...window('2025-01-01T00:00Z', '2400-01-01T00:00Z'),
        maxIterations: 10_000,
      }),
    ).toThrowError(expect.objectContaining({ code: 'EXPANSION_LIMIT' }));
    const many = expandEventOccurrences(
      { ...weekly, rrule: 'FREQ=DAILY' },
      { ...window('2025-01-01T00:00Z', '2100-01-01T00:00Z'), limit: 50 },
    );
    expect(many).toHaveLength(50);
  });
});
