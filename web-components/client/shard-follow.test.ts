import type { Identity } from '@dfinity/agent';
import { describe, expect, it } from 'vitest';

import { CanisterError } from '../../core/index.ts';
import {
  assertWritable,
  type MoveRecord,
  type MoveStore,
} from '../../canisters/calendar/user-moves.ts';
import { CalendarSourceError, type CalendarSource } from './calendar-source.ts';
import { CanisterConnection, type CalendarService } from './canister-connection.ts';
import type { CanisterConnectionOptions } from './canister-connection.ts';
import { movedToShard } from './shard-follow.ts';
import { connectCalendarFollowingMoves, type CalendarCanisterOptions } from './shard-route.ts';

const USER = 'user-principal';
const SHARD_A = 'uxrrr-q7777-77774-qaaaq-cai';
const SHARD_B = 'u6s2n-gx777-77774-qaaba-cai';
const SHARD_C = 'uzt4z-lp777-77774-qaabq-cai';
const range = { start: Date.UTC(2025, 2, 1), end: Date.UTC(2025, 3, 1) };

/** The `Err` a calendar shard answers about a user whose move left it in `direction`. */
function moveRefusal(direction: MoveRecord['direction'], peer: string) {
  const moves = { get: () => ({ direction, peer, numbers: [] }) } as unknown as MoveStore;
  try {
    assertWritable(moves, USER);
  } catch (error) {
    if (error instanceof CanisterError) return error.toErr();
  }
  throw new Error('assertWritable accepted a moving user');
}

/**
 * Calendar shards as fake actors: a shard the user left answers every call with its refusal; the
 * shard holding the user answers normally. Calls are recorded as `<shard> <method>`.
 */
function fakeShards(calls: string[]) {
  const refusals = new Map<string, { code: string; message: string }>();
  const actor = (shard: string): CalendarService => {
    const answer = <T>(method: string, value: T) => {
      calls.push(`${shard} ${method}`);
      const refusal = refusals.get(shard);
      return refusal ? { Err: refusal } : value;
    };
    return {
      list_calendars: async () =>
        answer('list_calendars', {
          Ok: [{ id: `${USER}_c1`, name: 'Mine', color: [], my_role: { owner: null } }],
        }),
      list_events: async () => answer('list_events', { Ok: { occurrences: [], next_cursor: [] } }),
      create_event: async () => answer('create_event', { Ok: { id: `event-on-${shard}` } }),
    } as unknown as CalendarService;
  };
  const connect = async (options: CanisterConnectionOptions): Promise<CalendarSource> => {
    calls.push(`connect ${options.canisterId}`);
    const target = { canisterId: options.canisterId, host: 'http://127.0.0.1:4943' };
    const signedIn = options.identity
      ? { actor: actor(options.canisterId), principal: USER }
      : null;
    return new CanisterConnection(target, [], actor(options.canisterId), signedIn);
  };
  return { refusals, connect };
}

/** A cache that records what was dropped from it. */
function recordingCache(removed: string[]) {
  const entries = new Map<string, string>();
  return {
    getItem: (key: string) => entries.get(key) ?? null,
    setItem: (key: string, value: string) => void entries.set(key, value),
    removeItem: (key: string) => void (removed.push(key), entries.delete(key)),
  };
}

const options = (cache: CalendarCanisterOptions['cache']): CalendarCanisterOptions => ({
  canisterId: 'load-balancer',
  calendarIds: [],
  identity: { getPrincipal: () => ({ toText: () => USER }) } as unknown as Identity,
  cache,
});

describe('movedToShard', () => {
  it("reads the new shard from the calendar canister's CALENDAR_MOVED message", () => {
    const refusal = moveRefusal('moved', SHARD_B);
    expect(refusal.code).toBe('CALENDAR_MOVED');
    expect(movedToShard(new CalendarSourceError(refusal))).toBe(SHARD_B);
  });
});

describe('connectCalendarFollowingMoves', () => {
  it('on CALENDAR_MOVED drops the cached shard, asks the route again and retries once there', async () => {
    const calls: string[] = [];
    const removed: string[] = [];
    const shards = fakeShards(calls);
    let placement = SHARD_A;
    const routes: string[] = [];
    const source = await connectCalendarFollowingMoves(options(recordingCache(removed)), {
      resolve: async () => (routes.push(placement), placement),
      connect: shards.connect,
    });
    expect(await source.createEvent(input())).toEqual({ eventId: `event-on-${SHARD_A}` });

    // The load balancer moves the user to B; A now refuses with CALENDAR_MOVED.
    placement = SHARD_B;
    shards.refusals.set(SHARD_A, moveRefusal('moved', SHARD_B));
    calls.length = 0;
    const [listed, created] = await Promise.all([
      source.listOccurrences([`${USER}_c1`], range),
      source.createEvent(input()),
    ]);
    expect(listed).toEqual([]);
    expect(created).toEqual({ eventId: `event-on-${SHARD_B}` });
    expect(removed).toEqual([`icp-calendar:shard:load-balancer:${USER}`]);
    expect(routes).toEqual([SHARD_A, SHARD_B]);
    // Both stale calls reached A, one reconnection, each call made once on B.
    expect(calls.filter((call) => call.startsWith('connect'))).toEqual([`connect ${SHARD_B}`]);
    expect(calls.filter((call) => call.startsWith(SHARD_A)).sort()).toEqual([
      `${SHARD_A} create_event`,
      `${SHARD_A} list_events`,
    ]);
    expect(calls.filter((call) => call.startsWith(SHARD_B)).sort()).toEqual([
      `${SHARD_B} create_event`,
      `${SHARD_B} list_events`,
    ]);

    calls.length = 0;
    await source.getCalendars();
    expect(calls).toEqual([`${SHARD_B} list_calendars`]);
  });

  it('asks no route for a visitor on a page without calendar-id (nothing is read)', async () => {
    const calls: string[] = [];
    const shards = fakeShards(calls);
    const routes: string[] = [];
    const visitor = { canisterId: 'load-balancer', calendarIds: [], cache: recordingCache([]) };
    const source = await connectCalendarFollowingMoves(visitor, {
      resolve: async () => (routes.push('route'), SHARD_A),
      connect: shards.connect,
    });
    expect(await source.getCalendars()).toEqual([]);
    expect(routes).toEqual([]);
    await connectCalendarFollowingMoves(
      { ...visitor, calendarIds: [`${USER}_c1`] },
      {
        resolve: async () => (routes.push('route'), SHARD_A),
        connect: shards.connect,
      },
    );
    expect(routes).toEqual(['route']);
  });

  it('takes the shard the refusal names when canister-id is a shard itself', async () => {
    const { calls, shards, source } = await connectedToShardA();
    shards.refusals.set(SHARD_A, moveRefusal('moved', SHARD_B));
    expect(await source.createEvent(input())).toEqual({ eventId: `event-on-${SHARD_B}` });
    expect(calls).toEqual([
      `connect ${SHARD_A}`,
      `${SHARD_A} create_event`,
      `connect ${SHARD_B}`,
      `${SHARD_B} create_event`,
    ]);
  });

  it('retries only once: a second CALENDAR_MOVED reaches the caller', async () => {
    const { calls, shards, source } = await connectedToShardA();
    shards.refusals.set(SHARD_A, moveRefusal('moved', SHARD_B));
    shards.refusals.set(SHARD_B, moveRefusal('moved', SHARD_C));
    await expect(source.createEvent(input())).rejects.toMatchObject({
      code: 'CALENDAR_MOVED',
      message: expect.stringContaining(SHARD_C),
    });
    expect(calls.filter((call) => call.endsWith('create_event'))).toEqual([
      `${SHARD_A} create_event`,
      `${SHARD_B} create_event`,
    ]);
  });

  it('passes CALENDAR_MOVING through with its message, without reconnecting', async () => {
    const { calls, shards, source } = await connectedToShardA();
    shards.refusals.set(SHARD_A, moveRefusal('out', SHARD_B));
    await expect(source.createEvent(input())).rejects.toMatchObject({
      code: 'CALENDAR_MOVING',
      message: expect.stringContaining('try again in a minute'),
    });
    expect(calls).toEqual([`connect ${SHARD_A}`, `${SHARD_A} create_event`]);
  });
});

/** A source whose route names shard A (canister-id itself, or a route that never moves). */
async function connectedToShardA() {
  const calls: string[] = [];
  const shards = fakeShards(calls);
  const source = await connectCalendarFollowingMoves(options(recordingCache([])), {
    resolve: async () => SHARD_A,
    connect: shards.connect,
  });
  return { calls, shards, source };
}

function input() {
  return {
    calendarId: `${USER}_c1`,
    title: 'Standup',
    start: Date.UTC(2025, 2, 3, 9),
    end: Date.UTC(2025, 2, 3, 10),
    allDay: false,
    timeZone: 'UTC',
    reminders: [],
  };
}
