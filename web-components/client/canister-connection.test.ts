import { describe, expect, it } from 'vitest';

import { IC_HOST, isLocalHost } from './calendar-agent.ts';
import { CanisterConnection, type CalendarService } from './canister-connection.ts';

const TARGET = { canisterId: 'uxrrr-q7777-77774-qaaaq-cai', host: 'http://127.0.0.1:4943' };

const occurrence = (calendarId: string, title: string, startMs: number) => ({
  event_id: `${calendarId}-${title}`,
  calendar_id: calendarId,
  title,
  time_zone: 'UTC',
  start_ms: BigInt(startMs),
  end_ms: BigInt(startMs + 3_600_000),
  all_day: false,
  color: [],
  recurrence_id: [],
});

const calendar = (id: string, role: 'owner' | 'reader') => ({
  id,
  name: `Calendar ${id}`,
  color: [],
  my_role: role === 'owner' ? { owner: null } : { reader: null },
});

/** A stored weekly event of a public calendar (ids starting with `p`) with one overridden occurrence. */
const storedEvent = (id: string) => ({
  id,
  calendar_id: id.startsWith('p') ? 'p1' : 'm1',
  title: 'Training',
  start: '2025-03-03T18:00:00',
  end: '2025-03-03T19:00:00',
  all_day: false,
  time_zone: 'UTC',
  rrule: ['FREQ=WEEKLY'],
  sequence: 0,
  exdates: [],
  rdates: [],
  transparent: false,
  color: ['#047857'],
  description: ['Bring a board.'],
  location: ['Room 4'],
  overrides: [
    {
      recurrence_id: '2025-03-10T18:00:00',
      start: [],
      end: [],
      title: [],
      cancelled: false,
      description: ['Cup match: bring a clock.'],
      location: ['Town hall'],
    },
  ],
  reminders: [{ minutes_before: 30, action: [], description: [] }],
});

/** An actor answering the calls the connection makes, recording them as [method, argument]. */
function fakeActor(calls: [string, unknown][], failWith?: Error): CalendarService {
  const answer = <T>(method: string, argument: unknown, value: T) => {
    calls.push([method, argument]);
    if (failWith) throw failWith;
    return value;
  };
  return {
    list_public_events: async (q: { calendar_id: string; from_ms: bigint }) =>
      answer('list_public_events', q.calendar_id, {
        Ok: {
          occurrences: [
            occurrence(
              q.calendar_id,
              'public',
              Number(q.from_ms) + (q.calendar_id === 'p1' ? 7_200_000 : 0),
            ),
          ],
          next_cursor: [],
        },
      }),
    list_events: async (q: { calendar_ids: string[] }) =>
      answer('list_events', q.calendar_ids, {
        Ok: { occurrences: q.calendar_ids.map((id) => occurrence(id, 'mine', 0)), next_cursor: [] },
      }),
    get_calendar: async (id: string) =>
      answer(
        'get_calendar',
        id,
        id.startsWith('p')
          ? { Ok: calendar(id, 'reader') }
          : { Err: { code: 'CALENDAR_NOT_FOUND', message: `no calendar '${id}'` } },
      ),
    list_calendars: async () => answer('list_calendars', null, { Ok: [calendar('m1', 'owner')] }),
    // Like the canister for an anonymous caller: events of public calendars only.
    get_event: async (id: string) =>
      answer(
        'get_event',
        id,
        id.startsWith('p')
          ? { Ok: storedEvent(id) }
          : { Err: { code: 'EVENT_NOT_FOUND', message: `no event '${id}'` } },
      ),
  } as unknown as CalendarService;
}

const range = { start: Date.UTC(2025, 2, 1), end: Date.UTC(2025, 3, 1) };

describe('CanisterConnection', () => {
  it('reads the named public calendars anonymously, one list_public_events call each', async () => {
    const calls: [string, unknown][] = [];
    const connection = new CanisterConnection(TARGET, ['p1', 'p2'], fakeActor(calls), null);
    expect(await connection.principal()).toBeNull();
    expect(await connection.getCalendars()).toEqual([
      { id: 'p1', name: 'Calendar p1', color: '#1d4ed8', writable: false },
      { id: 'p2', name: 'Calendar p2', color: '#1d4ed8', writable: false },
    ]);
    const shown = await connection.listOccurrences(['p1', 'p2'], range);
    expect(shown.map((o) => o.calendarId)).toEqual(['p2', 'p1']);
    expect(calls.filter(([method]) => method === 'list_public_events').map(([, id]) => id)).toEqual(
      ['p1', 'p2'],
    );
  });

  it('refuses writes from visitors with NOT_SIGNED_IN', async () => {
    const connection = new CanisterConnection(TARGET, ['p1'], fakeActor([]), null);
    await expect(
      connection.deleteEvent({ eventId: 'e', recurrenceId: 0 }, 'all'),
    ).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it("visitors read an event's stored details through the anonymous actor, an occurrence's own overrides", async () => {
    const calls: [string, unknown][] = [];
    const connection = new CanisterConnection(TARGET, ['p1'], fakeActor(calls), null);
    expect(
      await connection.getEventDetails({
        eventId: 'p-training',
        recurrenceId: Date.UTC(2025, 2, 3, 18),
      }),
    ).toEqual({
      reminders: [30],
      location: 'Room 4',
      description: 'Bring a board.',
      color: '#047857',
    });
    expect(
      await connection.getEventDetails({
        eventId: 'p-training',
        recurrenceId: Date.UTC(2025, 2, 10, 18),
      }),
    ).toMatchObject({ location: 'Town hall', description: 'Cup match: bring a clock.' });
    expect(calls).toEqual([
      ['get_event', 'p-training'],
      ['get_event', 'p-training'],
    ]);
  });

  it("visitors get the canister's refusal for an event they may not read", async () => {
    const connection = new CanisterConnection(TARGET, ['p1'], fakeActor([]), null);
    await expect(
      connection.getEventDetails({ eventId: 'm-private', recurrenceId: 0 }),
    ).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND', message: "no event 'm-private'" });
  });

  it('signed in: details are read as the user', async () => {
    const anonymousCalls: [string, unknown][] = [];
    const userCalls: [string, unknown][] = [];
    const connection = new CanisterConnection(TARGET, ['p1'], fakeActor(anonymousCalls), {
      actor: fakeActor(userCalls),
      principal: 'user-principal',
    });
    expect(
      await connection.getEventDetails({ eventId: 'p-training', recurrenceId: 0 }),
    ).toMatchObject({ location: 'Room 4' });
    expect(userCalls).toEqual([['get_event', 'p-training']]);
    expect(anonymousCalls).toEqual([]);
  });

  it("signed in: the named calendars then the user's own, all read as the user", async () => {
    const anonymousCalls: [string, unknown][] = [];
    const userCalls: [string, unknown][] = [];
    const connection = new CanisterConnection(TARGET, ['p1', 'm1'], fakeActor(anonymousCalls), {
      actor: fakeActor(userCalls),
      principal: 'user-principal',
    });
    expect(await connection.principal()).toBe('user-principal');
    expect((await connection.getCalendars()).map((c) => [c.id, c.writable])).toEqual([
      ['p1', false],
      ['m1', true],
    ]);
    await connection.listOccurrences(['p1', 'm1'], range);
    expect(userCalls.map(([method]) => method)).toEqual([
      'list_calendars',
      'get_calendar',
      'list_events',
    ]);
    expect(anonymousCalls).toEqual([]);
  });

  it('signed in: a calendar that mirrors a subscribed feed is not writable, even for its owner', async () => {
    const owned = (id: string, subscribed: boolean) => ({ ...calendar(id, 'owner'), subscribed });
    const actor = {
      ...fakeActor([]),
      list_calendars: async () => ({ Ok: [owned('m1', false), owned('s1', true)] }),
    } as unknown as CalendarService;
    const connection = new CanisterConnection(TARGET, ['m1', 's1'], fakeActor([]), {
      actor,
      principal: 'user-principal',
    });
    expect((await connection.getCalendars()).map((c) => [c.id, c.writable])).toEqual([
      ['m1', true],
      ['s1', false],
    ]);
  });

  it("keeps the canister's refusal and turns a transport failure into CANISTER_UNAVAILABLE", async () => {
    const refused = new CanisterConnection(TARGET, ['secret'], fakeActor([]), null);
    await expect(refused.getCalendars()).rejects.toMatchObject({ code: 'CALENDAR_NOT_FOUND' });
    const down = new CanisterConnection(
      TARGET,
      ['p1'],
      fakeActor([], new TypeError('Failed to fetch\n  at fetch (agent)')),
      null,
    );
    const error = await down.listOccurrences(['p1'], range).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CANISTER_UNAVAILABLE',
      message: `Could not reach the calendar canister ${TARGET.canisterId} at ${TARGET.host}: Failed to fetch`,
    });
  });
});

describe('isLocalHost', () => {
  it('fetches the root key only for this machine', () => {
    expect(
      [
        'http://127.0.0.1:4943',
        'http://localhost:8080',
        'http://[::1]:4943',
        'http://x.localhost',
      ].map(isLocalHost),
    ).toEqual([true, true, true, true]);
    expect([IC_HOST, 'https://ic0.app', 'http://127.example.com'].map(isLocalHost)).toEqual([
      false,
      false,
      false,
    ]);
    expect(() => isLocalHost('icp-api.io')).toThrow(/host must be an http\(s\) URL/);
  });
});
