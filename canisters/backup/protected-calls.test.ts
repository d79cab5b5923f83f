import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import type { InterCanisterCall, Platform } from '../../core/index.ts';
import { ProtectedCalls } from './protected-calls.ts';

const CANISTER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const store = (name: string, count: bigint, bytes: bigint) => ({ name, version: 1, count, bytes });
const chunk = (name: string, start: bigint, count: number) => ({
  store: name,
  start,
  count,
  bytes: count * 10,
});
const header = { canister: 'probe', created_at: 5n, changes: 2n };

/** A protected canister answering backup_plan_page with `pages`, in order, and recording calls. */
function callsWith(pages: unknown[], fallback?: unknown) {
  const asked: { method: string; args: unknown[] }[] = [];
  const platform = {
    call: async (_id: unknown, method: string, request: InterCanisterCall) => {
      asked.push({ method, args: request.args as unknown[] });
      if (method === 'backup_plan') return { Ok: fallback };
      if (pages.length === 0) {
        throw new Error(`Canister ${CANISTER} has no query method 'backup_plan_page'`);
      }
      return { Ok: pages.shift() };
    },
  } as unknown as Platform;
  return { calls: new ProtectedCalls(platform), asked };
}

describe('ProtectedCalls.plan', () => {
  it('reads the plan page by page and adds each store up', async () => {
    const { calls, asked } = callsWith([
      {
        ...header,
        stores: [store('a', 3n, 30n)],
        chunks: [chunk('a', 0n, 3)],
        next: [{ store: 'a', position: 3n }],
      },
      {
        ...header,
        stores: [store('a', 2n, 20n), store('b', 4n, 40n)],
        chunks: [chunk('a', 3n, 2), chunk('b', 0n, 4)],
        next: [{ store: 'b', position: 4n }],
      },
      { ...header, stores: [store('b', 1n, 10n)], chunks: [chunk('b', 4n, 1)], next: [] },
    ]);
    expect(await calls.plan(CANISTER)).toEqual({
      ...header,
      stores: [store('a', 5n, 50n), store('b', 5n, 50n)],
      chunks: [chunk('a', 0n, 3), chunk('a', 3n, 2), chunk('b', 0n, 4), chunk('b', 4n, 1)],
    });
    expect(asked.map((a) => a.args[0])).toEqual([
      [],
      [{ store: 'a', position: 3n }],
      [{ store: 'b', position: 4n }],
    ]);
  });

  it('refuses a plan whose canister was written to between pages', async () => {
    const { calls } = callsWith([
      { ...header, stores: [], chunks: [chunk('a', 0n, 3)], next: [{ store: 'a', position: 3n }] },
      { ...header, changes: 3n, stores: [], chunks: [chunk('a', 3n, 1)], next: [] },
    ]);
    await expect(calls.plan(CANISTER)).rejects.toMatchObject({ code: 'BACKUP_STALE' });
  });

  it('asks backup_plan of a canister whose plugin has no pages yet', async () => {
    const whole = { ...header, stores: [store('a', 1n, 10n)], chunks: [chunk('a', 0n, 1)] };
    const { calls, asked } = callsWith([], whole);
    expect(await calls.plan(CANISTER)).toEqual(whole);
    expect(asked.map((a) => a.method)).toEqual(['backup_plan_page', 'backup_plan']);
  });
});
