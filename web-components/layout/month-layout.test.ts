import { describe, expect, it } from 'vitest';

import type { Occurrence } from '../client/calendar-source.ts';
import { DAY_MS, dayFromYmd } from '../model/days.ts';
import { ZoneClock } from '../model/zone-clock.ts';
import { layoutWeeks } from './month-layout.ts';

const utc = new ZoneClock('UTC');
const monday = dayFromYmd(2025, 3, 3);

function timed(id: string, day: number, hour: number, minutes = 60): Occurrence {
  const start = day * DAY_MS + hour * 3_600_000;
  return {
    eventId: id,
    recurrenceId: start,
    calendarId: 'c',
    title: id,
    start,
    end: start + minutes * 60_000,
    allDay: false,
    timeZone: 'UTC',
    reminders: [],
  };
}

function allDay(id: string, firstDay: number, days: number): Occurrence {
  return {
    eventId: id,
    recurrenceId: firstDay * DAY_MS,
    calendarId: 'c',
    title: id,
    start: firstDay * DAY_MS,
    end: (firstDay + days) * DAY_MS,
    allDay: true,
    timeZone: 'UTC',
    reminders: [],
  };
}

describe('layoutWeeks', () => {
  it('draws every event when a day has no more than maxRows', () => {
    const [week] = layoutWeeks(
      [timed('a', monday, 9), timed('b', monday, 10), timed('c', monday, 11)],
      utc,
      monday,
      1,
      3,
    );
    expect(week!.segments.map((s) => [s.occurrence.eventId, s.lane])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect(week!.hidden).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps maxRows - 1 events on a crowded day and counts exactly the hidden ones', () => {
    const events = [9, 10, 11, 12, 13].map((hour) => timed(`e${hour}`, monday + 2, hour));
    const [week] = layoutWeeks(events, utc, monday, 1, 3);
    expect(week!.segments).toHaveLength(2);
    expect(week!.hidden[2]).toBe(3);
    expect(week!.total[2]).toBe(5);
    expect(week!.segments.length + week!.hidden[2]!).toBe(week!.total[2]);
  });

  it('puts multi-day bars first, splits them at week boundaries and marks continuations', () => {
    const bar = allDay('trip', monday + 5, 4); // Sat → Tue
    const weeks = layoutWeeks([timed('x', monday + 5, 8), bar], utc, monday, 2, 3);
    const first = weeks[0]!.segments.find((s) => s.occurrence.eventId === 'trip')!;
    const second = weeks[1]!.segments.find((s) => s.occurrence.eventId === 'trip')!;
    expect([first.lane, first.column, first.span, first.continuesAfter]).toEqual([0, 5, 2, true]);
    expect([second.column, second.span, second.continuesBefore]).toEqual([0, 2, true]);
  });

  it('hides a bar that would overflow on any of its days, and counts it on each of those days', () => {
    const busy = [9, 10, 11].map((hour) => timed(`busy${hour}`, monday + 1, hour));
    const bars = [allDay('a', monday, 3), allDay('b', monday, 3)];
    const [week] = layoutWeeks([...busy, ...bars], utc, monday, 1, 2);
    // Tuesday has 5 events and shows 1: bar 'a' in lane 0; bar 'b' (lane 1) is hidden everywhere.
    expect(week!.segments.map((s) => s.occurrence.eventId)).toEqual(['a']);
    expect(week!.hidden.slice(0, 3)).toEqual([1, 4, 1]);
  });

  it('never returns more drawn segments than the visible lanes allow, for any input', () => {
    for (let seed = 1; seed < 40; seed++) {
      const events: Occurrence[] = [];
      for (let i = 0; i < seed * 3; i++)
        events.push(
          i % 4 === 0
            ? allDay(`a${i}`, monday + ((i * 7) % 13), 1 + (i % 4))
            : timed(`t${i}`, monday + ((i * 5) % 14), 7 + (i % 10)),
        );
      for (const week of layoutWeeks(events, utc, monday, 2, 3)) {
        for (let column = 0; column < 7; column++) {
          const drawn = week.segments.filter(
            (s) => s.column <= column && column < s.column + s.span,
          ).length;
          expect(drawn).toBeLessThanOrEqual(3);
          expect(drawn + week.hidden[column]!).toBe(week.total[column]);
        }
      }
    }
  });
});
