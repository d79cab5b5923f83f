import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import { RegistryEndpoints } from './registry-endpoints.ts';
import service from './service.ts';

const controller = Principal.fromUint8Array(new Uint8Array([21, 1]));
const user = Principal.fromUint8Array(new Uint8Array([21, 2]));
const calendarA = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const calendarB = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
const backup = Principal.fromText('r7inp-6aaaa-aaaaa-aaabq-cai');

type Reply = { Ok?: unknown; Err?: { code: string; message: string } };
type Api = Record<string, (...args: unknown[]) => unknown>;

function registry() {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const canister = composeCanister(
    { name: 'registry', plugins: [auth], endpoints: [service] },
    platform,
  );
  canister.init();
  const api = new RegistryEndpoints() as unknown as Api;
  const as = (who: Principal, run: (api: Api) => unknown) => platform.as(who, () => run(api));
  const admin = (run: (api: Api) => unknown) => as(controller, run) as Reply;
  return { api, as, admin, platform, canister };
}

const member = (group: string, canister: Principal, kind: string, shard?: string) => ({
  group,
  canister,
  kind,
  shard: shard === undefined ? [] : [shard],
});
const code = (reply: unknown) => (reply as Reply).Err?.code;

describe('canister registry', () => {
  it('composes the domain plugin after auth and keeps its state in core stores', () => {
    const { canister } = registry();
    expect(canister.order).toEqual(['auth', 'registry']);
    expect(canister.host.stores.storeNames()).toEqual(
      expect.arrayContaining(['registry/groups', 'registry/members']),
    );
  });

  it('registers groups, adds and removes members with type and shard key', () => {
    const { admin, as } = registry();
    expect(admin((r) => r.register_canister_group!('app', 'user data'))).toMatchObject({
      Ok: { name: 'app', description: 'user data', members: [] },
    });
    admin((r) => r.register_canister_group!('system', ''));
    admin((r) => r.add_canister_to_group!(member('app', calendarA, 'calendar', '0')));
    admin((r) => r.add_canister_to_group!(member('app', calendarB, 'calendar', '1')));
    admin((r) => r.add_canister_to_group!(member('system', backup, 'backup')));
    admin((r) => r.add_canister_to_group!(member('system', calendarA, 'calendar')));

    const app = as(user, (r) => r.list_group!('app')) as {
      Ok: { members: { canister: Principal; shard: string[] }[] };
    };
    expect(app.Ok.members.map((m) => [m.canister.toText(), m.shard])).toEqual([
      [calendarA.toText(), ['0']],
      [calendarB.toText(), ['1']],
    ]);
    const calendars = as(user, (r) => r.lookup!('calendar')) as { group: string }[];
    expect(calendars.map((m) => m.group).sort()).toEqual(['app', 'app', 'system']);
    expect(as(user, (r) => r.list_groups!())).toEqual([
      { name: 'app', description: 'user data', size: 2 },
      { name: 'system', description: '', size: 2 },
    ]);
    expect(as(user, (r) => r.is_member!('app', calendarB))).toEqual({ Ok: true });
    expect(as(user, (r) => r.is_member!('app', backup))).toEqual({ Ok: false });
    const system = as(user, (r) => r.group_members!('system')) as { Ok: Principal[] };
    expect(system.Ok.map((p) => p.toText()).sort()).toEqual(
      [backup.toText(), calendarA.toText()].sort(),
    );

    expect(admin((r) => r.remove_canister_from_group!('app', calendarB))).toMatchObject({
      Ok: { group: 'app', kind: 'calendar', shard: ['1'] },
    });
    expect(as(user, (r) => r.is_member!('app', calendarB))).toEqual({ Ok: false });
    expect(code(admin((r) => r.remove_canister_from_group!('app', calendarB)))).toBe(
      'REGISTRY_NOT_MEMBER',
    );
  });

  it('verifies an inter-canister call by shared group membership only', () => {
    const { admin, as } = registry();
    admin((r) => r.register_canister_group!('app', ''));
    admin((r) => r.register_canister_group!('system', ''));
    admin((r) => r.add_canister_to_group!(member('app', calendarA, 'calendar')));
    admin((r) => r.add_canister_to_group!(member('app', calendarB, 'calendar')));
    admin((r) => r.add_canister_to_group!(member('system', backup, 'backup')));
    admin((r) => r.add_canister_to_group!(member('system', calendarB, 'calendar')));
    expect(as(user, (r) => r.verify_inter_canister_call!(calendarA, calendarB))).toEqual({
      allowed: true,
      shared_groups: ['app'],
    });
    expect(as(user, (r) => r.verify_inter_canister_call!(backup, calendarB))).toEqual({
      allowed: true,
      shared_groups: ['system'],
    });
    expect(as(user, (r) => r.verify_inter_canister_call!(backup, calendarA))).toEqual({
      allowed: false,
      shared_groups: [],
    });
  });

  it('refuses bad input and unknown groups with REGISTRY_* codes', () => {
    const { admin } = registry();
    expect(code(admin((r) => r.register_canister_group!('App!', '')))).toBe(
      'REGISTRY_INVALID_NAME',
    );
    expect(code(admin((r) => r.register_canister_group!('app', 'x'.repeat(257))))).toBe(
      'INPUT_TOO_LONG',
    );
    admin((r) => r.register_canister_group!('app', ''));
    expect(code(admin((r) => r.register_canister_group!('app', '')))).toBe('REGISTRY_GROUP_EXISTS');
    expect(
      code(admin((r) => r.add_canister_to_group!(member('nope', calendarA, 'calendar')))),
    ).toBe('REGISTRY_UNKNOWN_GROUP');
    expect(code(admin((r) => r.add_canister_to_group!(member('app', calendarA, 'Calendar'))))).toBe(
      'REGISTRY_INVALID_NAME',
    );
    expect(
      code(admin((r) => r.add_canister_to_group!(member('app', calendarA, 'calendar', '')))),
    ).toBe('REGISTRY_INVALID_SHARD');
    expect(
      code(
        admin((r) => r.add_canister_to_group!(member('app', Principal.anonymous(), 'calendar'))),
      ),
    ).toBe('REGISTRY_INVALID_CANISTER');
    admin((r) => r.add_canister_to_group!(member('app', calendarA, 'calendar')));
    expect(code(admin((r) => r.add_canister_to_group!(member('app', calendarA, 'calendar'))))).toBe(
      'REGISTRY_ALREADY_MEMBER',
    );
    expect(code(admin((r) => r.group_members!('nope')))).toBe('REGISTRY_UNKNOWN_GROUP');
  });

  it('lets only controllers and admins change groups', () => {
    const { as } = registry();
    expect(code(as(user, (r) => r.register_canister_group!('app', '')))).toBe('AUTH_FORBIDDEN');
    expect(code(as(Principal.anonymous(), (r) => r.register_canister_group!('app', '')))).toBe(
      'AUTH_ANONYMOUS',
    );
    expect(code(as(user, (r) => r.add_canister_to_group!(member('app', calendarA, 'x'))))).toBe(
      'AUTH_FORBIDDEN',
    );
  });
});
