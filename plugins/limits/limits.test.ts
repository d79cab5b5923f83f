import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('./testing/azle-arg-stub.ts'));

import { Principal } from '@dfinity/principal';

import {
  allow,
  classMethods,
  composeCanister,
  IDL,
  limits as declareLimits,
  query,
  Result,
  update,
} from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import limitsPlugin, { instructionBudget, LIMITS, type LimitsOptions } from './index.ts';
import { withArgBytes } from './testing/azle-arg-stub.ts';
import { TokenBuckets } from './token-buckets.ts';

const alice = Principal.fromUint8Array(new Uint8Array([31, 1]));
const bob = Principal.fromUint8Array(new Uint8Array([31, 2]));
const controller = Principal.fromUint8Array(new Uint8Array([31, 3]));

const Item = IDL.Record({ title: IDL.Text, tags: IDL.Vec(IDL.Text), data: IDL.Vec(IDL.Nat8) });
type ItemValue = { title: string; tags: string[]; data: Uint8Array };

class Service {
  @update([Item], Result(IDL.Text))
  @allow('user')
  @declareLimits({ maxArgBytes: 100, maxTextLength: 10, maxVecLength: 3, maxBlobBytes: 4 })
  save(item: ItemValue): string {
    return item.title;
  }

  @update([], Result(IDL.Nat32))
  @allow('user')
  @declareLimits({ ratePerMinute: 6, burst: 2 })
  bump(): number {
    return 1;
  }

  @query([], Result(IDL.Nat32))
  @allow('user')
  @declareLimits({ ratePerMinute: 1, burst: 1 })
  peek(): number {
    return 1;
  }
}

type Reply = { Ok?: unknown; Err?: { code: string; message: string } };

function setup(options: LimitsOptions = {}) {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const canister = composeCanister(
    { name: 'limited', plugins: [[limitsPlugin, { ...options }]], endpoints: [Service] },
    platform,
  );
  canister.init();
  const api = new Service() as unknown as Record<string, (...args: unknown[]) => Reply>;
  const as = (who: Principal, run: () => Reply) => platform.as(who, run);
  return { api, as, platform, canister };
}

const item = (over: Partial<ItemValue> = {}): ItemValue => ({
  title: 'ok',
  tags: [],
  data: new Uint8Array(),
  ...over,
});

describe('limits: argument size and shape', () => {
  it('refuses an argument over maxArgBytes with LIMITS_ARG_TOO_LARGE', () => {
    const { api, as } = setup();
    withArgBytes(100);
    expect(as(alice, () => api.save!(item()))).toEqual({ Ok: 'ok' });
    withArgBytes(101);
    expect(as(alice, () => api.save!(item())).Err).toEqual({
      code: 'LIMITS_ARG_TOO_LARGE',
      message: 'save: the argument is 101 bytes, over the limit of 100',
    });
  });

  it('names the first text, vector or blob over its limit by path', () => {
    const { api, as } = setup();
    withArgBytes(10);
    expect(as(alice, () => api.save!(item({ title: 'x'.repeat(11) }))).Err).toEqual({
      code: 'LIMITS_TEXT_TOO_LONG',
      message: 'arg0.title is over the limit of 10 characters',
    });
    expect(as(alice, () => api.save!(item({ tags: ['a', 'b', 'c', 'd'] }))).Err?.code).toBe(
      'LIMITS_VEC_TOO_LONG',
    );
    expect(as(alice, () => api.save!(item({ tags: ['a', 'x'.repeat(11)] }))).Err?.message).toBe(
      'arg0.tags[1] is over the limit of 10 characters',
    );
    expect(as(alice, () => api.save!(item({ data: new Uint8Array(5) }))).Err?.code).toBe(
      'LIMITS_BLOB_TOO_LARGE',
    );
  });

  it('lets canister.yaml override @limits per method and fill in defaults', () => {
    const { api, as, canister } = setup({
      defaults: { maxTextLength: 2 },
      methods: { save: { maxTextLength: 20 } },
    });
    withArgBytes(10);
    expect(as(alice, () => api.save!(item({ title: 'x'.repeat(15) })))).toEqual({
      Ok: 'x'.repeat(15),
    });
    const limits = canister.host.container.resolve(LIMITS);
    expect(limits.effective('bump', { limits: { ratePerMinute: 6 } })).toEqual({
      maxTextLength: 2,
      ratePerMinute: 6,
    });
  });
});

describe('limits: instruction budgets', () => {
  it('merges maxInstructions like any limit; without one, 5 B for updates and 1 B for queries', () => {
    const { canister } = setup({
      defaults: { maxInstructions: 2_000_000_000 },
      methods: { bump: { maxInstructions: 7_000_000_000 } },
    });
    const limits = canister.host.container.resolve(LIMITS);
    const declared = { limits: { maxInstructions: 3_000_000_000 } };
    expect(limits.effective('save', declared).maxInstructions).toBe(3_000_000_000);
    expect(limits.effective('bump', declared).maxInstructions).toBe(7_000_000_000);
    expect(limits.effective('peek', {}).maxInstructions).toBe(2_000_000_000);
    expect(instructionBudget('update', limits.effective('bump', {}))).toBe(7_000_000_000n);
    expect(instructionBudget('update', {})).toBe(5_000_000_000n);
    expect(instructionBudget('query', { maxArgBytes: 10 })).toBe(1_000_000_000n);
  });
});

describe('limits: per-caller rate', () => {
  it('refuses a caller over its budget while others are unaffected, then refills', () => {
    const { api, as, platform } = setup();
    withArgBytes(0);
    expect(as(alice, () => api.bump!())).toEqual({ Ok: 1 });
    expect(as(alice, () => api.bump!())).toEqual({ Ok: 1 });
    expect(as(alice, () => api.bump!()).Err).toEqual({
      code: 'LIMITS_RATE_LIMITED',
      message: 'bump: too many calls from this caller; retry in 10s',
    });
    expect(as(bob, () => api.bump!())).toEqual({ Ok: 1 });
    expect(as(controller, () => api.bump!())).toEqual({ Ok: 1 });
    expect(as(controller, () => api.bump!())).toEqual({ Ok: 1 });
    expect(as(controller, () => api.bump!())).toEqual({ Ok: 1 });
    platform.advance(10);
    expect(as(alice, () => api.bump!())).toEqual({ Ok: 1 });
    expect(as(alice, () => api.bump!()).Err?.code).toBe('LIMITS_RATE_LIMITED');
  });

  it('rate limits controllers too when exemptControllers is false, and never queries', () => {
    const { api, as } = setup({ exemptControllers: false });
    withArgBytes(0);
    as(controller, () => api.bump!());
    as(controller, () => api.bump!());
    expect(as(controller, () => api.bump!()).Err?.code).toBe('LIMITS_RATE_LIMITED');
    for (let i = 0; i < 3; i++) expect(as(alice, () => api.peek!())).toEqual({ Ok: 1 });
  });

  it('keeps at most maxTrackedCallers buckets, dropping the least recently used', () => {
    const buckets = new TokenBuckets(2);
    const budget = { ratePerMinute: 1, burst: 1 };
    expect(buckets.take('a', budget, 0n)).toEqual({ ok: true });
    expect(buckets.take('a', budget, 0n)).toEqual({ ok: false, retryAfterSeconds: 60 });
    buckets.take('b', budget, 0n);
    buckets.take('c', budget, 0n);
    expect(buckets.size()).toBe(2);
    // 'a' was dropped: it starts again with a full bucket.
    expect(buckets.take('a', budget, 0n)).toEqual({ ok: true });
  });
});

describe('limits: early drop in inspect_message (with auth)', () => {
  it('adds a filter to auth that drops ingress over maxArgBytes', async () => {
    const auth = (await import('../auth/index.ts')).default;
    const { INGRESS_FILTERS } = await import('../auth/index.ts');
    const platform = new MemoryPlatform();
    // limits before auth in YAML order: the filter is added at init, after every setup.
    const canister = composeCanister(
      { name: 'limited', plugins: [limitsPlugin, auth], endpoints: [Service] },
      platform,
    );
    canister.init();
    const filters = canister.host.container.resolve(INGRESS_FILTERS);
    const ingress = { method: 'save', caller: alice, metadata: classMetadata('save') };
    withArgBytes(100);
    expect(filters.admits(ingress)).toBe(true);
    withArgBytes(101);
    expect(filters.admits(ingress)).toBe(false);
    expect(filters.admits({ ...ingress, method: 'bump', metadata: classMetadata('bump') })).toBe(
      true,
    );
  });
});

function classMetadata(method: string) {
  return classMethods(Service)[method];
}
