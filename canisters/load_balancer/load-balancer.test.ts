import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, type InterCanisterCall } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import balancing, { type BalancingOptions } from '../../plugins/balancing/index.ts';
import { AdminEndpoints } from './admin-endpoints.ts';
import { ProvisioningEndpoints } from './provisioning-endpoints.ts';
import { RouteEndpoints } from './route-endpoints.ts';
import service from './service.ts';

const controller = Principal.fromUint8Array(new Uint8Array([31, 1]));
const alice = Principal.fromUint8Array(new Uint8Array([31, 2]));
const bob = Principal.fromUint8Array(new Uint8Array([31, 3]));
const shards = [
  'rrkah-fqaaa-aaaaa-aaaaq-cai',
  'ryjl3-tyaaa-aaaaa-aaaba-cai',
  'r7inp-6aaaa-aaaaa-aaabq-cai',
].map((id) => Principal.fromText(id));

type Reply = { Ok?: Record<string, unknown>; Err?: { code: string } };
type Api = Record<string, (...args: unknown[]) => unknown>;

function loadBalancer(options: BalancingOptions = {}) {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const canister = composeCanister(
    {
      name: 'load_balancer',
      plugins: [auth, [balancing, options as Record<string, unknown>]],
      endpoints: [service],
    },
    platform,
  );
  canister.init();
  const api = {
    ...bind(new RouteEndpoints()),
    ...bind(new AdminEndpoints()),
    ...bind(new ProvisioningEndpoints()),
  };
  const as = (who: Principal, run: (api: Api) => unknown) =>
    platform.as(who, () => run(api)) as Reply;
  return {
    platform,
    canister,
    api,
    as,
    admin: (run: (api: Api) => unknown) => as(controller, run),
  };
}

function bind(object: object): Api {
  const api: Api = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(object))) {
    if (name !== 'constructor') api[name] = (object as Api)[name]!.bind(object);
  }
  return api;
}

const canisterOf = (reply: Reply) => (reply.Ok!.canister as Principal).toText();

describe('load balancer', () => {
  it('composes after auth and balancing, with its stores and timers', () => {
    const { canister, platform } = loadBalancer();
    expect(canister.order).toEqual(['auth', 'balancing', 'load_balancer']);
    expect(canister.host.stores.storeNames()).toEqual(
      expect.arrayContaining([
        'load_balancer/shards',
        'load_balancer/placements',
        'load_balancer/meta',
      ]),
    );
    // auth's timers plus poll-shards, provisioning-step, shard-alerts and migration-step
    expect(platform.pendingTimers()).toBe(6);
  });

  it('pins a user once (sticky), and route answers from the placement', () => {
    const { admin, as } = loadBalancer({ strategy: 'round_robin' });
    for (const shard of shards) admin((a) => a.add_shard!(shard, 100));
    expect(as(alice, (a) => a.route!(alice)).Ok).toMatchObject({ placed: false });
    const first = canisterOf(as(alice, (a) => a.assign_me!()));
    expect(first).toBe(shards[0]!.toText());
    expect(canisterOf(as(alice, (a) => a.assign_me!()))).toBe(first);
    expect(canisterOf(as(bob, (a) => a.assign_me!()))).toBe(shards[1]!.toText());
    expect(as(bob, (a) => a.route!(alice)).Ok).toEqual({ canister: shards[0], placed: true });
    const stats = as(bob, (a) => ({ Ok: a.get_load_balancer_stats!() })).Ok!;
    expect(stats.placements).toBe(2n);
    expect((stats.shards as { users: bigint }[]).map((s) => s.users)).toEqual([1n, 1n, 0n]);
  });

  it('refuses a capacity threshold a number cannot hold exactly, so the stats stay encodable', () => {
    const { admin, as } = loadBalancer();
    const huge = admin((a) => a.set_capacity_threshold!([2n ** 64n - 1n]));
    expect(huge.Err?.code).toBe('LB_INVALID_CAPACITY');
    expect(admin((a) => a.set_capacity_threshold!([0n])).Err?.code).toBe('LB_INVALID_CAPACITY');
    expect(admin((a) => a.set_capacity_threshold!([1_000_000_000n])).Err).toBeUndefined();
    const stats = as(bob, (a) => ({ Ok: a.get_load_balancer_stats!() })).Ok!;
    expect(stats.capacity_users_per_shard).toEqual([1_000_000_000n]);
  });

  it('keeps placements and the strategy across an upgrade', () => {
    const { admin, as, platform, canister } = loadBalancer();
    admin((a) => a.add_shard!(shards[0], 100));
    admin((a) => a.set_strategy!('weighted_random'));
    as(alice, (a) => a.assign_me!());
    admin((a) => a.add_shard!(shards[1], 100));
    platform.upgrade();
    expect(platform.pendingTimers()).toBe(0);
    canister.postUpgrade();
    expect(platform.pendingTimers()).toBe(6);
    expect(canisterOf(as(alice, (a) => a.route!(alice)))).toBe(shards[0]!.toText());
    const stats = as(bob, (a) => ({ Ok: a.get_load_balancer_stats!() })).Ok!;
    expect(stats.strategy).toBe('weighted_random');
  });

  it('sends no new user to a draining shard but keeps routing its users; retires only an empty shard', () => {
    const { admin, as } = loadBalancer({ strategy: 'round_robin' });
    admin((a) => a.add_shard!(shards[0], 100));
    admin((a) => a.add_shard!(shards[1], 100));
    as(alice, (a) => a.assign_me!());
    admin((a) => a.drain_shard!(shards[0]));
    for (let i = 0; i < 5; i++) {
      const user = Principal.fromUint8Array(new Uint8Array([40, i]));
      expect(canisterOf(as(user, (a) => a.assign_me!()))).toBe(shards[1]!.toText());
    }
    expect(canisterOf(as(alice, (a) => a.route!(alice)))).toBe(shards[0]!.toText());
    expect(admin((a) => a.retire_shard!(shards[0])).Err?.code).toBe('LB_SHARD_HAS_USERS');
    admin((a) => a.drain_shard!(shards[1]));
    expect(as(bob, (a) => a.assign_me!()).Err?.code).toBe('LB_NO_SHARD');
    expect(admin((a) => a.reweight_shard!(shards[1], 0)).Err?.code).toBe('LB_INVALID_WEIGHT');
    expect(admin((a) => a.set_strategy!('fastest')).Err?.code).toBe('LB_INVALID_STRATEGY');
    expect(admin((a) => a.add_shard!(shards[1], 5)).Err?.code).toBe('LB_SHARD_EXISTS');
  });

  it('re-points every user of a replaced shard in one write', () => {
    const { admin, as } = loadBalancer();
    admin((a) => a.add_shard!(shards[0], 100));
    as(alice, (a) => a.assign_me!());
    as(bob, (a) => a.assign_me!());
    admin((a) => a.replace_shard_canister!(shards[0], shards[2]));
    expect(canisterOf(as(alice, (a) => a.route!(alice)))).toBe(shards[2]!.toText());
    expect(canisterOf(as(bob, (a) => a.route!(bob)))).toBe(shards[2]!.toText());
  });

  it('answers a repeated replacement (a recovery whose reply was lost) as done, once counted', () => {
    const { admin } = loadBalancer();
    admin((a) => a.add_shard!(shards[0], 100));
    admin((a) => a.add_shard!(shards[1], 100));
    const first = admin((a) => a.replace_shard_canister!(shards[0], shards[2]));
    const again = admin((a) => a.replace_shard_canister!(shards[0], shards[2]));
    expect(again.Ok).toEqual(first.Ok);
    const stats = admin((a) => a.get_load_balancer_stats!()) as unknown as {
      failovers: bigint;
      shards: { canister: Principal }[];
    };
    expect(stats.failovers).toBe(1n);
    expect(stats.shards.map((s) => s.canister.toText())).toEqual([
      shards[2]!.toText(),
      shards[1]!.toText(),
    ]);
    // Another shard's canister is still refused as a replacement, even for the replaced one.
    expect(admin((a) => a.replace_shard_canister!(shards[0], shards[1])).Err?.code).toBe(
      'LB_SHARD_EXISTS',
    );
    expect(admin((a) => a.replace_shard_canister!(shards[2], shards[1])).Err?.code).toBe(
      'LB_SHARD_EXISTS',
    );
    expect(admin((a) => a.replace_shard_canister!(shards[0], alice)).Err?.code).toBe(
      'LB_UNKNOWN_SHARD',
    );
  });

  it('lets only admins and controllers change shards or strategies, anyone route, only a signed-in caller pin', () => {
    const { admin, as } = loadBalancer();
    admin((a) => a.add_shard!(shards[0], 100));
    for (const change of [
      (a: Api) => a.add_shard!(shards[1], 100),
      (a: Api) => a.drain_shard!(shards[0]),
      (a: Api) => a.retire_shard!(shards[0]),
      (a: Api) => a.reweight_shard!(shards[0], 5),
      (a: Api) => a.set_strategy!('round_robin'),
    ]) {
      expect(as(alice, change).Err?.code).toBe('AUTH_FORBIDDEN');
      expect(as(Principal.anonymous(), change).Err?.code).toBe('AUTH_ANONYMOUS');
    }
    expect(as(Principal.anonymous(), (a) => a.route!(alice)).Ok).toBeDefined();
    expect(as(Principal.anonymous(), (a) => a.assign_me!()).Err?.code).toBe('AUTH_ANONYMOUS');
  });

  it('marks a shard unhealthy after N failed polls, at once when stopped, and active after M good polls', async () => {
    const { admin, as, platform } = loadBalancer({
      strategy: 'round_robin',
      health: { every: 'every 10s', failuresToUnhealthy: 2, successesToActive: 2 },
    });
    admin((a) => a.add_shard!(shards[0], 100));
    admin((a) => a.add_shard!(shards[1], 100));
    const answers: Record<string, () => unknown> = {
      [shards[0]!.toText()]: () => ({ status: { healthy: null } }),
      [shards[1]!.toText()]: () => {
        throw { rejectCode: 2, rejectMessage: 'out of cycles' };
      },
    };
    for (const shard of shards) {
      platform.calls.set(shard.toText(), (method: string, _request: InterCanisterCall) => {
        if (method === 'get_metrics') return { Err: { code: 'AUTH_FORBIDDEN', message: '' } };
        return answers[shard.toText()]!();
      });
    }
    const state = () =>
      (
        as(bob, (a) => ({ Ok: a.get_load_balancer_stats!() })).Ok!.shards as { state: string }[]
      ).map((s) => s.state);
    await admin((a) => a.poll_shards!());
    expect(state()).toEqual(['active', 'active']);
    await admin((a) => a.poll_shards!());
    expect(state()).toEqual(['active', 'unhealthy']);
    expect(canisterOf(as(alice, (a) => a.assign_me!()))).toBe(shards[0]!.toText());
    expect(canisterOf(as(bob, (a) => a.assign_me!()))).toBe(shards[0]!.toText());

    answers[shards[1]!.toText()] = () => ({ status: { healthy: null } });
    answers[shards[0]!.toText()] = () => {
      throw {
        rejectCode: 5,
        rejectMessage: 'Canister x is stopped and therefore does not have a CallContextManager',
      };
    };
    await admin((a) => a.poll_shards!());
    expect(state()).toEqual(['unhealthy', 'unhealthy']);
    await admin((a) => a.poll_shards!());
    expect(state()).toEqual(['unhealthy', 'active']);
    answers[shards[0]!.toText()] = () => ({ status: { unhealthy: null } });
    answers[shards[1]!.toText()] = () => ({ status: { unhealthy: null } });
    await admin((a) => a.poll_shards!());
    expect(state()).toEqual(['unhealthy', 'unhealthy']);
    const stats = as(bob, (a) => ({ Ok: a.get_load_balancer_stats!() })).Ok!;
    expect(stats.failovers).toBe(3n);
  });
});
