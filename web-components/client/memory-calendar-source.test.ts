import { describe, expect, it } from 'vitest';

import { MemoryCalendarSource } from './memory-calendar-source.ts';

const at = (day: number, hour: number) => Date.UTC(2025, 2, day, hour);
const march = { start: Date.UTC(2025, 2, 1), end: Date.UTC(2025, 3, 1) };
const weekly = {
  id: 'w',
  calendarId: 'default',
  title: 'Weekly',
  start: at(3, 9),
  end: at(3, 10),
  allDay: false,
  timeZone: 'UTC',
  rrule: 'FREQ=WEEKLY',
  reminders: [],
};
const days = async (source: MemoryCalendarSource) =>
  (await source.listOccurrences(['default'], march)).map(
    (o) => `${new Date(o.start).getUTCDate()}:${o.title}`,
  );

describe('MemoryCalendarSource', () => {
  it('expands a weekly series in the range', async () => {
    expect(await days(new MemoryCalendarSource({ events: [weekly] }))).toEqual([
      '3:Weekly',
      '10:Weekly',
      '17:Weekly',
      '24:Weekly',
      '31:Weekly',
    ]);
  });

  it('keeps 09:00 local across a DST change in the event zone', async () => {
    const source = new MemoryCalendarSource({
      events: [
        {
          ...weekly,
          timeZone: 'Europe/Berlin',
          start: Date.UTC(2025, 2, 24, 8),
          end: Date.UTC(2025, 2, 24, 9),
        },
      ],
    });
    const hours = (
      await source.listOccurrences(['default'], { start: march.start, end: Date.UTC(2025, 3, 8) })
    ).map((o) => new Date(o.start).getUTCHours());
    expect(hours).toEqual([8, 7, 7]);
  });

  it('deletes this, this-and-following, or all occurrences', async () => {
    const source = new MemoryCalendarSource({ events: [weekly] });
    await source.deleteEvent({ eventId: 'w', recurrenceId: at(10, 9) }, 'this');
    expect(await days(source)).toEqual(['3:Weekly', '17:Weekly', '24:Weekly', '31:Weekly']);
    await source.deleteEvent({ eventId: 'w', recurrenceId: at(24, 9) }, 'following');
    expect(await days(source)).toEqual(['3:Weekly', '17:Weekly']);
    await source.deleteEvent({ eventId: 'w', recurrenceId: at(17, 9) }, 'all');
    expect(await days(source)).toEqual([]);
  });

  it('updates one occurrence as a separate event, or the following ones as a new series', async () => {
    const source = new MemoryCalendarSource({ events: [weekly] });
    const input = {
      ...weekly,
      title: 'Moved',
      start: at(11, 9),
      end: at(11, 10),
      rrule: undefined,
    };
    await source.updateEvent({ eventId: 'w', recurrenceId: at(10, 9) }, input, 'this');
    expect(await days(source)).toEqual([
      '3:Weekly',
      '11:Moved',
      '17:Weekly',
      '24:Weekly',
      '31:Weekly',
    ]);
    await source.updateEvent(
      { eventId: 'w', recurrenceId: at(24, 9) },
      { ...weekly, title: 'Later', start: at(24, 9), end: at(24, 10) },
      'following',
    );
    expect(await days(source)).toEqual([
      '3:Weekly',
      '11:Moved',
      '17:Weekly',
      '24:Later',
      '31:Later',
    ]);
  });

  it('refuses writes when anonymous or on a read-only calendar, with stable codes', async () => {
    const anonymous = new MemoryCalendarSource({ principal: null });
    await expect(anonymous.createEvent({ ...weekly, rrule: undefined })).rejects.toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
    const readOnly = new MemoryCalendarSource({
      calendars: [{ id: 'default', name: 'R', color: '#000', writable: false }],
    });
    await expect(readOnly.createEvent({ ...weekly })).rejects.toMatchObject({
      code: 'CALENDAR_READ_ONLY',
      found: 'default',
    });
  });

  it('an update that did not load the details keeps them, and an explicit clear clears them', async () => {
    const match = {
      id: 'm',
      calendarId: 'default',
      title: 'Match',
      start: at(4, 18),
      end: at(4, 20),
      allDay: false,
      timeZone: 'UTC',
      reminders: [10, 45],
      location: 'Town hall',
      description: 'Bring a clock.',
      color: '#b91c1c',
    };
    const source = new MemoryCalendarSource({ events: [match] });
    const target = { eventId: 'm', recurrenceId: at(4, 18) };
    const { id: _id, reminders: _r, location: _l, description: _d, color: _c, ...edit } = match;
    expect(await source.getEventDetails(target)).toEqual({
      reminders: [10, 45],
      location: 'Town hall',
      description: 'Bring a clock.',
      color: '#b91c1c',
    });

    // "Not loaded" may come as absent keys or as keys holding undefined.
    await source.updateEvent(target, { ...edit, title: 'Final match' }, 'all');
    await source.updateEvent(
      target,
      {
        ...edit,
        title: 'Final match',
        reminders: undefined,
        location: undefined,
        description: undefined,
        color: undefined,
      },
      'all',
    );
    expect(await source.getEventDetails(target)).toEqual({
      reminders: [10, 45],
      location: 'Town hall',
      description: 'Bring a clock.',
      color: '#b91c1c',
    });
    expect((await source.listOccurrences(['default'], march))[0]!.title).toBe('Final match');

    await source.updateEvent(
      target,
      { ...edit, description: '', location: '', color: '', reminders: [] },
      'all',
    );
    expect(await source.getEventDetails(target)).toEqual({
      reminders: [],
      location: '',
      description: '',
      color: '',
    });
    const [cleared] = await source.listOccurrences(['default'], march);
    expect([cleared!.description, cleared!.location, cleared!.color]).toEqual([
      undefined,
      undefined,
      '#2563eb',
    ]);
  });
});
