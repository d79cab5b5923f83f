import { describe, expect, it } from 'vitest';

import type { Occurrence } from '../client/calendar-source.ts';
import { DAY_MS, dayFromYmd } from '../model/days.ts';
import { ZoneClock } from '../model/zone-clock.ts';
import { layoutDay } from './time-grid-layout.ts';

const day = dayFromYmd(2025, 3, 12);
const at = (hour: number) => day * DAY_MS + hour * 3_600_000;
const event = (id: string, from: number, to: number): Occurrence => ({
  eventId: id,
  recurrenceId: at(from),
  calendarId: 'c',
  title: id,
  start: at(from),
  end: at(to),
  allDay: false,
  timeZone: 'UTC',
  reminders: [],
});

describe('layoutDay', () => {
  it('places overlapping events side by side and separate ones full width', () => {
    const boxes = layoutDay(
      [event('a', 9, 11), event('b', 10, 12), event('c', 13, 14)],
      new ZoneClock('UTC'),
      day,
    );
    const placed = Object.fromEntries(
      boxes.map((b) => [b.occurrence.eventId, [b.column, b.columns, b.startMinute, b.endMinute]]),
    );
    expect(placed).toEqual({ a: [0, 2, 540, 660], b: [1, 2, 600, 720], c: [0, 1, 780, 840] });
  });

  it('reuses a freed column within a cluster', () => {
    const boxes = layoutDay(
      [event('a', 9, 12), event('b', 9, 10), event('c', 10, 11)],
      new ZoneClock('UTC'),
      day,
    );
    const columns = Object.fromEntries(
      boxes.map((b) => [b.occurrence.eventId, [b.column, b.columns]]),
    );
    expect(columns).toEqual({ a: [0, 2], b: [1, 2], c: [1, 2] });
  });

  it('clips events that cross midnight and uses the display zone', () => {
    const late = event('late', 22, 26);
    const [today] = layoutDay([late], new ZoneClock('UTC'), day);
    const [tomorrow] = layoutDay([late], new ZoneClock('UTC'), day + 1);
    expect([today!.startMinute, today!.endMinute, today!.continuesAfter]).toEqual([
      1320,
      1440,
      true,
    ]);
    expect([tomorrow!.startMinute, tomorrow!.endMinute, tomorrow!.continuesBefore]).toEqual([
      0,
      120,
      true,
    ]);
    const [tokyo] = layoutDay([event('x', 0, 1)], new ZoneClock('Asia/Tokyo'), day);
    expect(tokyo!.startMinute).toBe(9 * 60);
  });
});
