import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, type InterCanisterCall } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import service from './service.ts';
import { UserRegistryEndpoints } from './user-registry-endpoints.ts';

const controller = Principal.fromUint8Array(new Uint8Array([41, 0]));
const alice = Principal.fromUint8Array(new Uint8Array([41, 1]));
const bob = Principal.fromUint8Array(new Uint8Array([41, 2]));
const calendarA = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const calendarB = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');

type Api = Record<string, (...args: unknown[]) => unknown>;
const code = (reply: unknown) => (reply as { Err?: { code: string } }).Err?.code;
const input = (extra: Record<string, unknown> = {}) => ({
  display_name: 'Alice',
  time_zone: 'Europe/Berlin',
  locale: 'de-DE',
  week_start: 0,
  default_calendar: [],
  ...extra,
});

function registry() {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const canister = composeCanister(
    { name: 'user_registry', plugins: [auth], endpoints: [service] },
    platform,
  );
  canister.init();
  const api = new UserRegistryEndpoints() as unknown as Api;
  const as = (who: Principal, method: string, ...args: unknown[]) =>
    platform.as(who, () => api[method]!(...args));
  return { platform, as };
}

describe('user registry services (memory platform)', () => {
  it('registers, reads and updates a profile with validated settings', () => {
    const { as } = registry();
    expect(as(alice, 'register', input())).toMatchObject({
      Ok: { display_name: 'Alice', time_zone: 'Europe/Berlin' },
    });
    expect(code(as(alice, 'register', input()))).toBe('PROFILE_EXISTS');
    expect(
      as(alice, 'update_profile', input({ time_zone: 'america/new_york', locale: 'en-us' })),
    ).toMatchObject({
      Ok: { time_zone: 'America/New_York', locale: 'en-US' },
    });
    expect(as(alice, 'get_profile', alice)).toEqual({
      Ok: { user: alice, display_name: 'Alice', locale: 'en-US' },
    });
    expect(code(as(bob, 'get_my_profile'))).toBe('PROFILE_NOT_FOUND');
    const bad = as(
      bob,
      'register',
      input({ time_zone: 'Europe/Atlantis', locale: 'xx', week_start: 9, display_name: ' ' }),
    ) as {
      Err: { code: string; message: string };
    };
    expect(bad.Err.code).toBe('PROFILE_INVALID');
    expect(bad.Err.message).toMatch(/display_name.*time_zone.*locale.*week_start/);
    expect(code(as(Principal.anonymous(), 'register', input()))).toBeDefined();
  });

  it('get_profile answers strangers about a private profile as about an unknown principal', () => {
    const { as } = registry();
    const stranger = Principal.fromUint8Array(new Uint8Array([41, 9]));
    as(alice, 'register', input());
    expect(as(alice, 'get_my_profile')).toMatchObject({ Ok: { visibility: { private: null } } });
    const unknown = as(bob, 'get_profile', stranger);
    expect(unknown).toEqual({
      Err: { code: 'PROFILE_NOT_FOUND', message: `no profile for ${stranger.toText()}` },
    });
    const hidden = as(bob, 'get_profile', alice);
    expect(hidden).toEqual({
      Err: { code: 'PROFILE_NOT_FOUND', message: `no profile for ${alice.toText()}` },
    });
    expect(as(Principal.anonymous(), 'get_profile', alice)).toEqual(hidden);
    expect(as(alice, 'set_profile_visibility', { public: null })).toMatchObject({
      Ok: { visibility: { public: null } },
    });
    as(alice, 'update_profile', input({ display_name: 'Alice B.' }));
    const shown = { Ok: { user: alice, display_name: 'Alice B.', locale: 'de-DE' } };
    expect(as(bob, 'get_profile', alice)).toEqual(shown);
    expect(as(Principal.anonymous(), 'get_profile', alice)).toEqual(shown);
    as(alice, 'set_profile_visibility', { private: null });
    expect(as(bob, 'get_profile', alice)).toEqual(hidden);
    expect(code(as(bob, 'set_profile_visibility', { public: null }))).toBe('PROFILE_NOT_FOUND');
  });

  it('delete_my_account runs one batch per shard, then each next batch as a timer message', async () => {
    const { as, platform } = registry();
    const seen: string[] = [];
    let roundsOnA = 0;
    const calendar = (name: string) => (method: string, request: InterCanisterCall) => {
      seen.push(`${name}:${method}:${(request.args[0] as Principal).toText()}`);
      if (name === 'a') roundsOnA++;
      return { Ok: { calendars: 1, events: 10, done: name === 'b' || roundsOnA >= 3 } };
    };
    platform.calls.set(calendarA.toText(), calendar('a'));
    platform.calls.set(calendarB.toText(), calendar('b'));
    expect(code(await as(alice, 'delete_my_account'))).toBe('REGISTRY_NOT_CONFIGURED');
    as(alice, 'register', input());
    expect(code(as(alice, 'set_calendar_canisters', [calendarA]))).toBeDefined();
    as(controller, 'set_calendar_canisters', [calendarA, calendarB]);
    const result = await as(alice, 'delete_my_account');
    expect(result).toEqual({
      Ok: { calendars_erased: 2, events_erased: 20, pending_canisters: [calendarA] },
    });
    expect(seen).toEqual([
      `a:erase_user_data:${alice.toText()}`,
      `b:erase_user_data:${alice.toText()}`,
    ]);
    expect(as(alice, 'get_my_account_erasure')).toMatchObject([{ pending_canisters: [calendarA] }]);
    // Each further batch is one timer message: one call to the shard still erasing.
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    platform.advance(0);
    await settle();
    expect(seen.length).toBe(3);
    platform.advance(0);
    await settle();
    expect(seen).toEqual([
      `a:erase_user_data:${alice.toText()}`,
      `b:erase_user_data:${alice.toText()}`,
      `a:erase_user_data:${alice.toText()}`,
      `a:erase_user_data:${alice.toText()}`,
    ]);
    expect(as(alice, 'get_my_account_erasure')).toEqual([]);
    platform.advance(301);
    await settle();
    expect(seen.length).toBe(4);
    expect(code(as(alice, 'get_my_profile'))).toBe('PROFILE_NOT_FOUND');
  });

  it('keeps a failed erasure pending and retries it from the timer', async () => {
    const { as, platform } = registry();
    let fail = true;
    const calls: number[] = [];
    platform.calls.set(calendarA.toText(), () => {
      calls.push(1);
      if (fail) throw new Error('canister stopped');
      return { Ok: { calendars: 1, events: 1, done: true } };
    });
    as(controller, 'set_calendar_canisters', [calendarA]);
    as(alice, 'register', input());
    expect(await as(alice, 'delete_my_account')).toEqual({
      Ok: { calendars_erased: 0, events_erased: 0, pending_canisters: [calendarA] },
    });
    fail = false;
    platform.advance(301);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.length).toBe(2);
    platform.advance(301);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.length).toBe(2);
  });
});
