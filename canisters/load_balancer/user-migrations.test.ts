import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import {
  encodeValue,
  type InterCanisterCall,
  Principal,
  type StableStore,
} from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import { StableStore as Store } from '../../core/stores/stable-store.ts';
import { resolveSettings } from '../../plugins/balancing/index.ts';
import {
  calendarCanister,
  calendarInput,
  errCode,
  eventInput,
  ok,
  principal,
} from '../calendar/calendar-test-kit.ts';
import type { PlacementRecord, ShardRecord } from './lb-model.ts';
import { ShardDirectory } from './shard-directory.ts';
import { type Migration, UserMigrations } from './user-migrations.ts';

const A = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const B = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
const alice = principal(1);
const user = alice.toText();

function store<V>(
  platform: MemoryPlatform,
  id: number,
  indexes?: Record<string, (v: V) => unknown>,
) {
  const s = new Store<V>(`test/s${id}`, { name: `s${id}`, ...(indexes ? { indexes } : {}) });
  const indexMaps = new Map(
    Object.keys(indexes ?? {}).map((name, i) => [name, platform.stableMap(100 + id * 4 + i)]),
  );
  s.attach(platform.stableMap(id), indexMaps);
  return s as StableStore<V>;
}

/** A load balancer's directory and migrations over two real calendar shards on memory platforms. */
function setup() {
  const platform = new MemoryPlatform();
  const directory = new ShardDirectory(
    {
      shards: store<ShardRecord>(platform, 1, { canister: (s) => s.canister }),
      placements: store<PlacementRecord>(platform, 2),
      meta: store<unknown>(platform, 3),
    },
    resolveSettings({ strategy: 'round_robin' }),
    () => platform.time(),
  );
  const migrations = new UserMigrations(platform, directory, store<Migration>(platform, 4));
  const shards: Record<string, ReturnType<typeof calendarCanister>> = {
    [A]: calendarCanister(),
    [B]: calendarCanister(),
  };
  const down = new Set<string>();
  for (const [id, shard] of Object.entries(shards)) {
    platform.calls.set(id, (method: string, request: InterCanisterCall) => {
      if (down.has(id)) throw { rejectCode: 5, rejectMessage: `IC0508: Canister ${id} is stopped` };
      return shard.as(shard.controller, method, ...request.args);
    });
  }
  directory.addShard(A, 100);
  expect(directory.assign(user).canister).toBe(A);
  directory.addShard(B, 100);
  const calendar = ok<{ id: string }>(
    shards[A].as(alice, 'create_calendar', calendarInput('Work')),
  );
  for (let i = 0; i < 3; i++) ok(shards[A].as(alice, 'create_event', calendar.id, eventInput()));
  const listed = (id: string) =>
    ok<{ name: string; event_count: number }[]>(shards[id]!.as(alice, 'list_calendars')).map(
      (c) => [c.name, c.event_count],
    );
  const write = (id: string) =>
    errCode(shards[id]!.as(alice, 'create_event', calendar.id, eventInput())) ?? 'ok';
  return { platform, directory, migrations, shards, down, listed, write, calendar };
}

const stepsOf = async (migrations: UserMigrations, count: number) => {
  const seen: (string | undefined)[] = [];
  for (let i = 0; i < count; i++) seen.push((await migrations.step(user))?.step);
  return seen;
};

describe('user migration between shards', () => {
  it('copies, verifies, switches the placement in one step, releases the target and deletes the source copy', async () => {
    const { directory, migrations, shards, listed, write } = setup();
    migrations.start(user, B);
    expect(await stepsOf(migrations, 2)).toEqual(['verify', 'switch']);
    expect(write(A)).toBe('CALENDAR_MOVING');
    expect(directory.routeOf(user)).toBe(A);
    expect(await stepsOf(migrations, 1)).toEqual(['release']);
    expect(directory.routeOf(user)).toBe(B);
    expect(shards[A]!.as(alice, 'list_calendars')).toEqual({ Ok: expect.any(Array) });
    expect(await stepsOf(migrations, 2)).toEqual(['delete', undefined]);
    expect(listed(B)).toEqual([['Work', 3]]);
    expect(listed(A)).toEqual([]);
    expect(write(B)).toBe('ok');
    expect(write(A)).toBe('CALENDAR_MOVED');
    expect(directory.shards().map((s) => s.shard.users)).toEqual([0, 1]);
    expect(directory.counters().migrations).toBe(1);
  });

  it('hands the user back to the source when a step before the switch fails, and a retry finishes', async () => {
    const { directory, migrations, shards, down, listed, write } = setup();
    migrations.start(user, B);
    down.add(B);
    const failed = await migrations.step(user);
    expect(failed).toMatchObject({ step: 'copy', paused: true, attempts: 1 });
    expect(failed?.lastError).toMatch(/IC0508/);
    expect(directory.routeOf(user)).toBe(A);
    expect(write(A)).toBe('ok'); // served by the source, writes included
    await migrations.stepAll(); // a paused migration waits for an admin
    expect(migrations.get(user)?.paused).toBe(true);

    down.delete(B);
    expect(await stepsOf(migrations, 1)).toEqual(['verify']);
    // The copy is damaged before the check: verification fails and the source takes the user back.
    const extra = encodeValue({ settings: { freeBusyVisible: true } });
    ok(
      shards[B]!.as(shards[B]!.controller, 'import_user_data', alice, Principal.fromText(A), [
        extra,
      ]),
    );
    const unverified = await migrations.step(user);
    expect(unverified).toMatchObject({ step: 'copy', paused: true, attempts: 2 });
    expect(unverified?.lastError).toMatch(/verify: page 1/);
    expect(write(A)).toBe('ok');

    expect(await stepsOf(migrations, 5)).toEqual([
      'verify',
      'switch',
      'release',
      'delete',
      undefined,
    ]);
    expect(listed(B)).toEqual([['Work', 5]]);
    expect(directory.routeOf(user)).toBe(B);
  });

  it('keeps serving from the target when the source fails after the switch, and deletes the copy on retry', async () => {
    const { directory, migrations, down, listed, write } = setup();
    migrations.start(user, B);
    expect(await stepsOf(migrations, 4)).toEqual(['verify', 'switch', 'release', 'delete']);
    down.add(A);
    expect(await migrations.step(user)).toMatchObject({
      step: 'delete',
      paused: false,
      attempts: 1,
    });
    expect(directory.routeOf(user)).toBe(B);
    expect(write(B)).toBe('ok');
    down.delete(A);
    await migrations.stepAll();
    expect(migrations.get(user)).toBeUndefined();
    expect(listed(A)).toEqual([]);
    expect(listed(B)).toEqual([['Work', 4]]);
  });

  it('refuses what cannot be migrated; an abort before the switch leaves the user on the source', async () => {
    const { migrations, shards, listed, write } = setup();
    expect(() => migrations.start(principal(9).toText(), B)).toThrow(/not pinned/);
    expect(() => migrations.start(user, A)).toThrow(/cannot migrate/);
    migrations.start(user, B);
    expect(() => migrations.start(user, B)).toThrow(/in progress/);
    expect(await stepsOf(migrations, 1)).toEqual(['verify']);
    await migrations.abort(user);
    expect(migrations.get(user)).toBeUndefined();
    expect(write(A)).toBe('ok');
    expect(listed(B)).toEqual([]);
    expect(shards[B]!.as(alice, 'get_user_move', alice)).toEqual([]);

    migrations.start(user, B);
    await stepsOf(migrations, 3);
    await expect(migrations.abort(user)).rejects.toThrow(/cannot be aborted/);
  });
});
