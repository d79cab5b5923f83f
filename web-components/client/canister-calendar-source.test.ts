import { describe, expect, it } from 'vitest';

import {
  CanisterCalendarSource,
  localText,
  type CalendarActor,
} from './canister-calendar-source.ts';

const occurrence = (id: string, startMs: number, recurrence?: string) => ({
  event_id: id,
  calendar_id: 'c1',
  title: id,
  time_zone: 'Europe/Paris',
  start_ms: BigInt(startMs),
  end_ms: BigInt(startMs + 3_600_000),
  all_day: false,
  color: [] as [],
  recurrence_id: (recurrence ? [recurrence] : []) as [] | [string],
});

const series = {
  id: 'e1',
  calendar_id: 'c1',
  title: 'Weekly',
  start: '2025-03-03T09:00:00',
  end: '2025-03-03T10:00:00',
  all_day: false,
  time_zone: 'Europe/Paris',
  rrule: ['FREQ=WEEKLY'] as [string],
  sequence: 4,
  exdates: [],
  rdates: [],
  transparent: false,
  color: [] as [],
  description: [] as [],
  location: [] as [],
  overrides: [],
  reminders: [],
};

function fakeActor(calls: unknown[][]): CalendarActor {
  const pages = [
    {
      occurrences: [occurrence('a', Date.UTC(2025, 2, 3, 8), '2025-03-03T09:00:00')],
      next_cursor: ['next'] as [string],
    },
    { occurrences: [occurrence('b', Date.UTC(2025, 2, 4, 8))], next_cursor: [] as [] },
  ];
  return {
    list_events: async (q) => (calls.push(['list', q.cursor]), { Ok: pages[q.cursor.length]! }),
    list_calendars: async () => ({
      Ok: [{ id: 'c1', name: 'Mine', color: ['#f00'], my_role: { reader: null } }],
    }),
    get_event: async () => ({ Ok: series }),
    create_event: async (calendar, input) => (
      calls.push(['create', calendar, input.start, input.rrule]),
      { Ok: { ...series, id: 'e2' } }
    ),
    update_event: async (id, sequence, input) => (
      calls.push(['update', id, sequence, input.overrides]),
      { Ok: series }
    ),
    delete_event: async (id, scope) => (calls.push(['delete', id, scope]), { Ok: [] }),
    split_event: async (id, sequence, recurrenceId, input) => (
      calls.push(['split', id, sequence, recurrenceId, input.start, input.rrule]),
      { Ok: { before: [series], after: { ...series, id: 'e2' } } }
    ),
  } as CalendarActor;
}

describe('CanisterCalendarSource', () => {
  it('follows list_events cursors and maps occurrences (recurrence ids in the event zone)', async () => {
    const calls: unknown[][] = [];
    const source = new CanisterCalendarSource(fakeActor(calls), async () => null);
    const list = await source.listOccurrences(['c1'], { start: 0, end: 1 });
    expect(calls).toEqual([
      ['list', []],
      ['list', ['next']],
    ]);
    expect(list.map((o) => [o.eventId, o.recurrenceId === o.start, o.recurring])).toEqual([
      ['a', true, true],
      ['b', true, false],
    ]);
    expect(await source.getCalendars()).toEqual([
      { id: 'c1', name: 'Mine', color: '#f00', writable: false },
    ]);
  });

  it('an owned calendar is writable unless it mirrors a subscribed feed', async () => {
    const actor: CalendarActor = {
      ...fakeActor([]),
      list_calendars: async () => ({
        Ok: [
          { id: 'own', name: 'Own', color: [], my_role: { owner: null } },
          { id: 'feed', name: 'Feed', color: [], my_role: { owner: null }, subscribed: true },
        ],
      }),
    };
    const source = new CanisterCalendarSource(actor, async () => 'me');
    expect((await source.getCalendars()).map((c) => [c.id, c.writable])).toEqual([
      ['own', true],
      ['feed', false],
    ]);
  });

  it('deletes one occurrence by its local recurrence id and edits one through an override', async () => {
    const calls: unknown[][] = [];
    const source = new CanisterCalendarSource(fakeActor(calls), async () => 'me');
    const target = { eventId: 'e1', recurrenceId: Date.UTC(2025, 2, 10, 8) };
    await source.deleteEvent(target, 'this');
    expect(calls.at(-1)).toEqual(['delete', 'e1', { occurrence: '2025-03-10T09:00:00' }]);
    const input = {
      calendarId: 'c1',
      title: 'Moved',
      start: Date.UTC(2025, 2, 10, 9),
      end: Date.UTC(2025, 2, 10, 10),
      allDay: false,
      timeZone: 'Europe/Paris',
      reminders: [],
    };
    await source.updateEvent(target, input, 'this');
    const [kind, id, sequence, overrides] = calls.at(-1)!;
    expect([kind, id, sequence]).toEqual(['update', 'e1', 4]);
    expect(overrides).toMatchObject([
      { recurrence_id: '2025-03-10T09:00:00', start: ['2025-03-10T10:00:00'], title: ['Moved'] },
    ]);
    await source.updateEvent(target, input, 'following');
    // One split in the same calendar; the list did not send the rule, so the new series keeps the stored one.
    expect(calls.at(-1)).toEqual([
      'split',
      'e1',
      4,
      '2025-03-10T09:00:00',
      '2025-03-10T10:00:00',
      ['FREQ=WEEKLY'],
    ]);
    // Into another calendar: end the series there, create the rest in the other one.
    await source.updateEvent(target, { ...input, calendarId: 'c2' }, 'following');
    expect(calls.slice(-2)).toEqual([
      ['delete', 'e1', { this_and_following: '2025-03-10T09:00:00' }],
      ['create', 'c2', '2025-03-10T10:00:00', ['FREQ=WEEKLY']],
    ]);
  });

  it('writes the location, description and own colour with the event, and none when absent', async () => {
    const inputs: unknown[] = [];
    const actor = {
      ...fakeActor([]),
      create_event: async (_calendar: string, input: unknown) => (
        inputs.push(input),
        { Ok: { ...series, id: 'e3' } }
      ),
    } as CalendarActor;
    const source = new CanisterCalendarSource(actor, async () => 'me');
    const event = {
      calendarId: 'c1',
      title: 'Match',
      start: Date.UTC(2025, 2, 4, 18),
      end: Date.UTC(2025, 2, 4, 20),
      allDay: false,
      timeZone: 'UTC',
      reminders: [10, 45],
    };
    await source.createEvent({
      ...event,
      location: 'Hall',
      description: 'Bring a clock.',
      color: '#b91c1c',
    });
    await source.createEvent(event);
    expect(inputs).toMatchObject([
      { location: ['Hall'], description: ['Bring a clock.'], color: ['#b91c1c'] },
      { location: [], description: [], color: [] },
    ]);
    expect((inputs[0] as { reminders: { minutes_before: number }[] }).reminders).toMatchObject([
      { minutes_before: 10 },
      { minutes_before: 45 },
    ]);
  });

  describe('details the occurrence list leaves out', () => {
    const single = {
      ...series,
      id: 's1',
      title: 'Match',
      start: '2025-03-04T18:00:00',
      end: '2025-03-04T20:00:00',
      time_zone: 'UTC',
      rrule: [] as [],
      description: ['Bring a clock.'] as [string],
      location: ['Town hall'] as [string],
      color: ['#b91c1c'] as [string],
      reminders: [
        {
          minutes_before: 10,
          action: [{ email: null }] as [{ email: null }],
          description: [] as [],
        },
        { minutes_before: 45, action: [] as [], description: [] as [] },
      ],
    };
    const target = { eventId: 's1', recurrenceId: Date.UTC(2025, 2, 4, 18) };
    /** As the dialog sends it when it never loaded the details: the title edited, nothing else. */
    const edit = {
      calendarId: 'c1',
      title: 'Final match',
      start: Date.UTC(2025, 2, 4, 18),
      end: Date.UTC(2025, 2, 4, 20),
      allDay: false,
      timeZone: 'UTC',
    };
    function recordingActor(written: unknown[]): CalendarActor {
      return {
        ...fakeActor([]),
        get_event: async () => ({ Ok: single }),
        update_event: async (_id: string, _sequence: number, input: unknown) => (
          written.push(input),
          { Ok: single }
        ),
      } as CalendarActor;
    }

    it('reads them from get_event', async () => {
      const source = new CanisterCalendarSource(recordingActor([]), async () => 'me');
      expect(await source.getEventDetails(target)).toEqual({
        reminders: [10, 45],
        location: 'Town hall',
        description: 'Bring a clock.',
        color: '#b91c1c',
      });
    });

    it('an overridden occurrence shows its own text, and a "this" edit that did not load it keeps it', async () => {
      const override = {
        recurrence_id: '2025-03-10T09:00:00',
        start: [] as [],
        end: [] as [],
        title: [] as [],
        cancelled: false,
        description: ['Away game.'] as [string],
        location: [] as [],
      };
      const weekly = {
        ...series,
        description: ['Club night.'] as [string],
        location: ['Town hall'] as [string],
        overrides: [override],
      };
      const written: { overrides: unknown[] }[] = [];
      const actor = {
        ...fakeActor([]),
        get_event: async () => ({ Ok: weekly }),
        update_event: async (_id: string, _sequence: number, input: { overrides: unknown[] }) => (
          written.push(input),
          { Ok: weekly }
        ),
      } as CalendarActor;
      const source = new CanisterCalendarSource(actor, async () => 'me');
      const occurrence = { eventId: 'e1', recurrenceId: Date.UTC(2025, 2, 10, 8) };
      expect(await source.getEventDetails(occurrence)).toMatchObject({
        description: 'Away game.',
        location: 'Town hall',
      });
      await source.updateEvent(
        occurrence,
        {
          ...edit,
          timeZone: 'Europe/Paris',
          start: Date.UTC(2025, 2, 10, 9),
          end: Date.UTC(2025, 2, 10, 10),
        },
        'this',
      );
      expect(written[0]!.overrides).toMatchObject([
        { recurrence_id: '2025-03-10T09:00:00', description: ['Away game.'], location: [] },
      ]);
    });

    it('a "this" edit that empties the text stores an empty override, and one back to the series follows it', async () => {
      const weekly = { ...series, description: ['Club night.'] as [string], location: [] as [] };
      const written: { overrides: { description: unknown; location: unknown }[] }[] = [];
      const actor = {
        ...fakeActor([]),
        get_event: async () => ({ Ok: weekly }),
        update_event: async (_id: string, _sequence: number, input: (typeof written)[0]) => (
          written.push(input),
          { Ok: weekly }
        ),
      } as CalendarActor;
      const source = new CanisterCalendarSource(actor, async () => 'me');
      const occurrence = { eventId: 'e1', recurrenceId: Date.UTC(2025, 2, 10, 8) };
      const at = { ...edit, start: Date.UTC(2025, 2, 10, 8), end: Date.UTC(2025, 2, 10, 9) };
      await source.updateEvent(occurrence, { ...at, description: '', location: '' }, 'this');
      await source.updateEvent(occurrence, { ...at, description: 'Club night.' }, 'this');
      await source.updateEvent(occurrence, { ...at, description: 'Cup final.' }, 'this');
      expect(written.map((input) => input.overrides[0]!.description)).toEqual([
        [''],
        [],
        ['Cup final.'],
      ]);
      // No location on the series: an empty one is the series' own.
      expect(written[0]!.overrides[0]!.location).toEqual([]);
    });

    it('an update that did not load them keeps the stored description, location, colour and reminders', async () => {
      const written: unknown[] = [];
      const source = new CanisterCalendarSource(recordingActor(written), async () => 'me');
      await source.updateEvent(target, edit, 'all');
      expect(written).toEqual([
        expect.objectContaining({
          title: 'Final match',
          description: ['Bring a clock.'],
          location: ['Town hall'],
          color: ['#b91c1c'],
          reminders: single.reminders,
        }),
      ]);
    });

    it('an update that clears them on purpose clears them, and a kept reminder keeps its action', async () => {
      const written: unknown[] = [];
      const source = new CanisterCalendarSource(recordingActor(written), async () => 'me');
      await source.updateEvent(
        target,
        { ...edit, description: '', location: '', color: '', reminders: [10] },
        'all',
      );
      expect(written).toEqual([
        expect.objectContaining({
          description: [],
          location: [],
          color: [],
          reminders: [single.reminders[0]],
        }),
      ]);
    });
  });

  it('writes all-day dates as YYYY-MM-DD and timed ones as local date-times', () => {
    expect(localText(Date.UTC(2025, 2, 18), true, 'America/New_York')).toBe('2025-03-18');
    expect(localText(Date.UTC(2025, 2, 18, 12), false, 'America/New_York')).toBe(
      '2025-03-18T08:00:00',
    );
  });
});
