import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('./testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import {
  allow,
  composeCanister,
  IDL,
  type InterCanisterCall,
  query,
  Result,
  update,
} from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth, { type AuthOptions, requireOwner } from './index.ts';
import { AuthEndpoints } from './auth-endpoints.ts';
import { AuthIngressFilter } from './inspect-endpoint.ts';
import { inspecting } from './testing/azle-inspect-stub.ts';

const controller = Principal.fromUint8Array(new Uint8Array([11, 1]));
const configuredAdmin = Principal.fromUint8Array(new Uint8Array([11, 2]));
const alice = Principal.fromUint8Array(new Uint8Array([11, 3]));
const bob = Principal.fromUint8Array(new Uint8Array([11, 4]));
const peer = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const stranger = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
const registry = Principal.fromText('r7inp-6aaaa-aaaaa-aaabq-cai');
const anonymous = Principal.anonymous();

type Reply = { Ok?: unknown; Err?: { code: string; message: string } };
type Api = Record<string, (...args: unknown[]) => Reply | Promise<Reply>>;

class Domain {
  @update([], Result(IDL.Text))
  @allow('group:app')
  sync(): string {
    return 'synced';
  }

  @update([], Result(IDL.Text))
  @allow('admin')
  rotate(): string {
    return 'rotated';
  }

  @update([IDL.Principal], Result(IDL.Text))
  @allow('owner')
  edit(owner: Principal): string {
    requireOwner(owner, 'event');
    return 'edited';
  }

  @query([], IDL.Text)
  @allow('public')
  hello(): string {
    return 'hi';
  }
}

/** A canister with auth and the Domain class; the registry answers from `groups`. */
function setup(options: AuthOptions = {}) {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const groups = new Map<string, Principal[]>([['app', [peer]]]);
  let registryDown = false;
  platform.calls.set(registry.toText(), (method: string, request: InterCanisterCall) => {
    if (registryDown) throw new Error('canister stopped');
    const members = groups.get(String(request.args[0]));
    expect(method).toBe('group_members');
    return members === undefined
      ? { Err: { code: 'REGISTRY_UNKNOWN_GROUP', message: 'no such group' } }
      : { Ok: members };
  });
  const canister = composeCanister(
    {
      name: 'under-test',
      plugins: [[auth, { admins: [configuredAdmin.toText()], ...options }]],
      endpoints: [Domain],
    },
    platform,
  );
  canister.init();
  const api = new Domain() as unknown as Api;
  const admin = new AuthEndpoints() as unknown as Api;
  const as = <T>(who: Principal, run: () => T): T => platform.as(who, run);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    platform,
    api,
    admin,
    as,
    groups,
    setRegistryDown: (down: boolean) => (registryDown = down),
    /** Advances the clock, runs due timers and lets their awaits finish. */
    async advance(seconds: number) {
      platform.advance(seconds);
      await settle();
      await settle();
    },
  };
}

const code = (reply: Reply) => reply.Err?.code;

describe('auth: admin level', () => {
  it('admits controllers and configured admins, refuses others with AUTH_FORBIDDEN', () => {
    const { api, as } = setup();
    expect(as(controller, () => api.rotate!())).toEqual({ Ok: 'rotated' });
    expect(as(configuredAdmin, () => api.rotate!())).toEqual({ Ok: 'rotated' });
    expect(code(as(alice, () => api.rotate!()) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(code(as(anonymous, () => api.rotate!()) as Reply)).toBe('AUTH_ANONYMOUS');
  });

  it('grants and revokes admins, audits each change, and keeps configured admins', () => {
    const { api, admin, as, platform } = setup();
    expect(code(as(alice, () => admin.auth_grant_admin!(bob)) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(as(controller, () => admin.auth_grant_admin!(alice))).toEqual({ Ok: true });
    expect(as(controller, () => admin.auth_grant_admin!(alice))).toEqual({ Ok: false });
    expect(as(alice, () => api.rotate!())).toEqual({ Ok: 'rotated' });
    // A granted admin cannot change whom the canister trusts: controllers only.
    expect(code(as(alice, () => admin.auth_grant_admin!(bob)) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(code(as(configuredAdmin, () => admin.auth_revoke_admin!(alice)) as Reply)).toBe(
      'AUTH_FORBIDDEN',
    );
    platform.advance(5);
    expect(as(controller, () => admin.auth_revoke_admin!(alice))).toEqual({ Ok: true });
    expect(code(as(alice, () => api.rotate!()) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(code(as(controller, () => admin.auth_revoke_admin!(configuredAdmin)) as Reply)).toBe(
      'AUTH_ADMIN_CONFIGURED',
    );
    expect(code(as(controller, () => admin.auth_grant_admin!(anonymous)) as Reply)).toBe(
      'INPUT_INVALID',
    );

    const log = as(configuredAdmin, () => admin.auth_audit_log!(0n, 10)) as {
      Ok: { entries: { actor: Principal; action: string; subject: string; at: bigint }[] };
    };
    expect(log.Ok.entries.map((e) => [e.actor.toText(), e.action, e.subject.length > 0])).toEqual([
      [controller.toText(), 'grant_admin', true],
      [controller.toText(), 'revoke_admin', true],
    ]);
    expect(log.Ok.entries[1]!.at - log.Ok.entries[0]!.at).toBe(5_000_000_000n);
    expect(code(as(alice, () => admin.auth_audit_log!(0n, 10)) as Reply)).toBe('AUTH_FORBIDDEN');
    // A start past the end (even past 2^32) is an empty page, not a trap.
    expect(as(controller, () => admin.auth_audit_log!(2n ** 64n - 2n, 21))).toEqual({
      Ok: { entries: [], next: [] },
    });
    expect(code(as(controller, () => admin.auth_audit_log!(0n, 0)) as Reply)).toBe(
      'AUTH_INVALID_LIMIT',
    );
  });

  it('lists configured and granted admins with their source', () => {
    const { admin, as } = setup();
    as(controller, () => admin.auth_grant_admin!(bob));
    const listed = as(controller, () => admin.auth_list_admins!()) as {
      Ok: { principal: Principal; source: string }[];
    };
    expect(listed.Ok.map((a) => [a.principal.toText(), a.source])).toEqual([
      [configuredAdmin.toText(), 'configured'],
      [bob.toText(), 'granted'],
    ]);
  });
});

describe('auth: group level against the registry', () => {
  it('refuses everyone while the cache is cold (no registry), then admits members only', async () => {
    const { api, admin, as, advance } = setup({ membershipTtlSeconds: 10 });
    await advance(1);
    expect(code(as(peer, () => api.sync!()) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(as(controller, () => admin.auth_set_registry!(registry))).toEqual({ Ok: null });
    await advance(0);
    expect(as(peer, () => api.sync!())).toEqual({ Ok: 'synced' });
    expect(await as(controller, () => admin.auth_refresh_membership!())).toEqual({
      Ok: [{ group: 'app', members: [1], error: [] }],
    });
    expect(as(peer, () => api.sync!())).toEqual({ Ok: 'synced' });
    expect(code(as(stranger, () => api.sync!()) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(code(as(alice, () => api.sync!()) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(code(as(anonymous, () => api.sync!()) as Reply)).toBe('AUTH_ANONYMOUS');
  });

  it('sees a removal within the TTL through the refresh timer', async () => {
    const { api, as, groups, advance } = setup({
      registry: registry.toText(),
      membershipTtlSeconds: 10,
    });
    await advance(0);
    expect(as(peer, () => api.sync!())).toEqual({ Ok: 'synced' });
    groups.set('app', [stranger]);
    await advance(5);
    expect(code(as(peer, () => api.sync!()) as Reply)).toBe('AUTH_FORBIDDEN');
    expect(as(stranger, () => api.sync!())).toEqual({ Ok: 'synced' });
  });

  it('fails closed once the TTL passes without a successful refresh, and reports why', async () => {
    const { api, admin, as, advance, setRegistryDown } = setup({
      registry: registry.toText(),
      membershipTtlSeconds: 10,
    });
    await advance(0);
    setRegistryDown(true);
    await advance(5);
    expect(as(peer, () => api.sync!())).toEqual({ Ok: 'synced' });
    await advance(6);
    expect(code(as(peer, () => api.sync!()) as Reply)).toBe('AUTH_FORBIDDEN');
    const view = as(controller, () => admin.auth_membership!()) as {
      Ok: { group: string; last_error: [] | [string] }[];
    };
    expect(view.Ok[0]!.last_error[0]).toMatch(/^AUTH_REGISTRY_UNREACHABLE: canister stopped/);
    setRegistryDown(false);
    await advance(5);
    expect(as(peer, () => api.sync!())).toEqual({ Ok: 'synced' });
  });
});

describe('auth: membership across an await', () => {
  it('drops an answer from a registry that was replaced while the call was in flight', async () => {
    const { api, admin, as, platform, advance } = setup({ membershipTtlSeconds: 10 });
    const other = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
    let answer: (members: { Ok: Principal[] }) => void = () => undefined;
    platform.calls.set(
      other.toText(),
      () => new Promise((resolve) => (answer = resolve as typeof answer)),
    );
    as(controller, () => admin.auth_set_registry!(other));
    const pending = as(controller, () => admin.auth_refresh_membership!());
    as(controller, () => admin.auth_set_registry!(registry));
    answer({ Ok: [stranger] });
    expect(await pending).toEqual({
      Ok: [
        { group: 'app', members: [], error: ['AUTH_REGISTRY_UNREACHABLE: the registry changed'] },
      ],
    });
    expect(code(as(stranger, () => api.sync!()) as Reply)).toBe('AUTH_FORBIDDEN');
    await advance(0);
    expect(as(peer, () => api.sync!())).toEqual({ Ok: 'synced' });
  });
});

describe('auth: owner helpers', () => {
  it('lets the owner through and refuses anyone else with AUTH_NOT_OWNER', () => {
    const { api, as } = setup();
    expect(as(alice, () => api.edit!(alice))).toEqual({ Ok: 'edited' });
    const refused = as(bob, () => api.edit!(alice)) as Reply;
    expect(refused.Err).toEqual({
      code: 'AUTH_NOT_OWNER',
      message: 'only the owner may use this event',
    });
  });
});

describe('auth: inspect_message', () => {
  const verdict = (
    method: string,
    who: Principal,
    as: ReturnType<typeof setup>['as'],
    arg?: Uint8Array,
  ) => {
    inspecting(method, arg);
    return as(who, () => new AuthIngressFilter().inspect_message());
  };

  it('drops an argument that cannot be decoded at a cost its size allows', () => {
    const { as } = setup({ registry: registry.toText() });
    const hex = (h: string) => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));
    // One extra `vec null` argument claiming 2^31 elements in 14 bytes.
    expect(verdict('hello', alice, as, hex('4449444c016d7f01008080808008'))).toBe(false);
    expect(verdict('hello', alice, as, hex('4449444c016e'))).toBe(false);
    expect(verdict('hello', alice, as, hex('4449444c0000'))).toBe(true);
  });

  it('drops the anonymous caller, non-admins on admin methods and all ingress to group methods', () => {
    const { as } = setup({ registry: registry.toText() });
    expect(verdict('hello', anonymous, as)).toBe(true);
    expect(verdict('edit', anonymous, as)).toBe(false);
    expect(verdict('edit', alice, as)).toBe(true);
    expect(verdict('rotate', alice, as)).toBe(false);
    expect(verdict('rotate', configuredAdmin, as)).toBe(true);
    expect(verdict('rotate', controller, as)).toBe(true);
    expect(verdict('sync', peer, as)).toBe(false);
    expect(verdict('_azle_timer_callbacks_len', anonymous, as)).toBe(true);
  });
});
