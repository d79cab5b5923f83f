import { describe, expect, it } from 'vitest';

import { nextReminder } from './next-reminder.ts';

const utc = (text: string) => Date.parse(text);
const weekly = {
  uid: 'w',
  title: 'Standup',
  timeZone: 'Europe/Berlin',
  allDay: false,
  start: '2026-03-16T09:00:00',
  end: '2026-03-16T09:30:00',
  rrule: 'FREQ=WEEKLY',
};

describe('nextReminder', () => {
  it('keeps a weekly 09:00 Berlin event at 09:00 local across the March DST change', () => {
    const first = nextReminder(weekly, [10], utc('2026-03-16T00:00:00Z'))!;
    expect(first.due).toBe(utc('2026-03-16T07:50:00Z')); // CET, UTC+1
    const second = nextReminder(weekly, [10], first.due)!;
    expect(second.due).toBe(utc('2026-03-23T07:50:00Z'));
    const third = nextReminder(weekly, [10], second.due)!;
    expect(third.due).toBe(utc('2026-03-30T06:50:00Z')); // CEST, UTC+2
  });

  it('skips EXDATEs and cancelled overrides, and follows a moved instance', () => {
    const event = {
      ...weekly,
      exdates: ['2026-03-23T09:00:00'],
      overrides: [
        { recurrenceId: '2026-03-30T09:00:00', cancelled: true },
        { recurrenceId: '2026-04-06T09:00:00', start: '2026-04-06T11:00:00' },
      ],
    };
    const after = utc('2026-03-16T08:00:00Z');
    const next = nextReminder(event, [10], after)!;
    expect(next.due).toBe(utc('2026-04-06T08:50:00Z'));
  });

  it('orders several reminders of one occurrence, and ends with the series', () => {
    const single = { ...weekly, rrule: undefined };
    const a = nextReminder(single, [60, 10], utc('2026-03-01T00:00:00Z'))!;
    expect(a).toMatchObject({ due: utc('2026-03-16T07:00:00Z'), minutes: 60 });
    const b = nextReminder(single, [60, 10], a.due)!;
    expect(b).toMatchObject({ due: utc('2026-03-16T07:50:00Z'), minutes: 10 });
    expect(nextReminder(single, [60, 10], b.due)).toBeUndefined();
  });

  it('finds a yearly event months away and a daily series ten years on', () => {
    const yearly = { ...weekly, rrule: 'FREQ=YEARLY' };
    expect(nextReminder(yearly, [0], utc('2026-04-01T00:00:00Z'))!.due).toBe(
      utc('2027-03-16T08:00:00Z'),
    );
    const daily = { ...weekly, rrule: 'FREQ=DAILY' };
    expect(nextReminder(daily, [0], utc('2036-06-01T12:00:00Z'))!.due).toBe(
      utc('2036-06-02T07:00:00Z'),
    );
  });
});
