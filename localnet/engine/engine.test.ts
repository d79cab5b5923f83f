import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { LocalNetwork } from '../testing/local-network.ts';
import type { CallOutcome } from './errors.ts';
import { u32Reply, watCanisterWasm } from './testing/wat-canister.ts';

const sender = Principal.anonymous();
const none = new Uint8Array(0);

async function setup(options: { cycles?: bigint } = {}) {
  const network = await LocalNetwork.create();
  const canisterId = await network.createCanister({ cycles: options.cycles });
  await network.installCode({ canisterId, wasm: watCanisterWasm() });
  const engine = network.engine;
  const update = (method: string) => engine.update({ sender, canisterId, method, arg: none });
  const query = (method: string) => engine.query({ sender, canisterId, method, arg: none });
  return { network, engine, canisterId, update, query };
}

function replied(outcome: CallOutcome): number {
  if (outcome.kind !== 'replied') throw new Error(`expected a reply, got ${outcome.rejectMessage}`);
  return u32Reply(outcome.reply);
}

describe('message execution on a WAT canister', () => {
  it('commits updates and discards query writes', async () => {
    const { update, query } = await setup();
    expect(replied(await update('inc'))).toBe(1);
    expect(replied(await query('inc_in_query'))).toBe(2);
    expect(replied(await query('read'))).toBe(1);
  });

  it('rolls back heap, stable memory and the stack pointer on a trap', async () => {
    const { engine, canisterId, update, query } = await setup();
    await update('inc');
    await update('persist');
    const outcome = await update('inc_then_trap');
    expect(outcome).toMatchObject({ kind: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    expect(outcome.kind === 'rejected' && outcome.rejectMessage).toContain(
      'trapped explicitly: boom',
    );
    expect(replied(await query('read'))).toBe(1);
    expect(replied(await query('read_stable'))).toBe(1);
    const runtime = engine.getCanister(canisterId)!.runtime!;
    expect((runtime.instance.exports.stack_pointer as () => number)()).toBe(4096);
  });

  it('traps a System API call made in the wrong context, naming function and context', async () => {
    const { query } = await setup();
    const outcome = await query('call_from_query');
    expect(outcome).toMatchObject({ kind: 'rejected', rejectCode: 5, errorCode: 'IC0504' });
    expect(outcome.kind === 'rejected' && outcome.rejectMessage).toMatch(
      /"ic0_call_new" cannot be executed in non-replicated query context/,
    );
  });

  it('synthesizes "did not produce a response" when an update returns without replying', async () => {
    const { update } = await setup();
    expect(await update('no_reply')).toMatchObject({
      kind: 'rejected',
      rejectCode: 5,
      errorCode: 'IC0506',
    });
  });

  it('runs inspect_message and refuses what it does not accept', async () => {
    const { engine, canisterId } = await setup();
    expect(
      await engine.inspectMessage({ sender, canisterId, method: 'inc', arg: none }),
    ).toBeUndefined();
    const refused = await engine.inspectMessage({
      sender,
      canisterId,
      method: 'persist',
      arg: none,
    });
    expect(refused).toMatchObject({ kind: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
  });

  it('fires the global timer only once the clock reaches it', async () => {
    const { network, update, query } = await setup();
    await network.setTime(Date.now() + 10_000);
    await update('arm_timer');
    await network.tick();
    expect(replied(await query('read'))).toBe(0);
    await network.advanceTime(1_000);
    await network.tick();
    expect(replied(await query('read'))).toBe(1);
  });

  it('freezes a canister whose cycles fall below its freezing limit', async () => {
    const { update } = await setup({ cycles: 1_000n });
    expect(await update('inc')).toMatchObject({
      kind: 'rejected',
      rejectCode: 2,
      errorCode: 'IC0207',
    });
  });

  it('refuses a query to a method that only exists as an update', async () => {
    const { query } = await setup();
    expect(await query('inc')).toMatchObject({
      kind: 'rejected',
      rejectCode: 5,
      errorCode: 'IC0536',
    });
  });
});

describe('checkpoint', () => {
  it('restores canisters, memories, cycles and time from a checkpoint folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localnet-checkpoint-'));
    try {
      const { network, canisterId, update } = await setup();
      await update('inc');
      await update('inc');
      await update('persist');
      await network.setTime(Date.now() + 3_600_000);
      await network.checkpoint(join(dir, 'state'));
      const cycles = await network.getCyclesBalance(canisterId);

      const restored = await LocalNetwork.create({ stateDir: join(dir, 'state') });
      const query = (method: string) =>
        restored.engine.query({ sender, canisterId, method, arg: none });
      expect(replied(await query('read'))).toBe(2);
      expect(replied(await query('read_stable'))).toBe(2);
      expect(await restored.getCyclesBalance(canisterId)).toBe(cycles);
      expect(await restored.getTime()).toBeGreaterThanOrEqual(await network.getTime());
      const next = await restored.createCanister();
      expect(next.toText()).not.toBe(canisterId.toText());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
