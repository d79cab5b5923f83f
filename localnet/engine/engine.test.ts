import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { LocalNetwork } from '../testing/local-network.ts';
import type { CallOutcome } from './errors.ts';
import { MANAGEMENT_METHODS } from './management/management-idl.ts';
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

  it("undoes a trapped message's memory growth and writes, and hands out the pages zeroed again", async () => {
    const { engine, canisterId, update, query } = await setup();
    const runtime = engine.getCanister(canisterId)!.runtime!;
    expect(await update('grow_then_trap')).toMatchObject({ kind: 'rejected', rejectCode: 5 });
    expect(runtime.memory.buffer.byteLength).toBe(3 * 65536);
    expect(replied(await query('pages'))).toBe(1);
    expect(runtime.heapBytes).toBe(65536);
    expect(replied(await query('filled_word'))).toBe(0);
    expect(await query('grown_word')).toMatchObject({ kind: 'rejected', rejectCode: 5 });
    expect(replied(await update('grow'))).toBe(1);
    expect(replied(await query('pages'))).toBe(2);
    expect(replied(await query('grown_word'))).toBe(0);
  });

  it("discards a query's growth and keeps an update's", async () => {
    const { update, query } = await setup();
    expect(replied(await update('grow'))).toBe(1);
    expect(replied(await query('pages'))).toBe(2);
    expect(replied(await update('grow'))).toBe(2);
    expect(replied(await query('pages'))).toBe(3);
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

  it("signs a query's data certificate only when the query asks for one", async () => {
    const { engine, query } = await setup();
    let signed = 0;
    engine.setDataCertificateProvider(() => (signed++, new Uint8Array([1])));
    expect(replied(await query('read'))).toBe(0);
    expect(signed).toBe(0);
    expect(replied(await query('certificate_present'))).toBe(1);
    expect(signed).toBe(1);
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

describe('management canister', () => {
  const mgmt = Principal.managementCanister();
  const encode = (method: string, arg: unknown) =>
    new Uint8Array(IDL.encode(MANAGEMENT_METHODS[method]!.args, [arg]));

  it('installs a module uploaded in chunks, checking the assembled hash', async () => {
    const network = await LocalNetwork.create();
    const alice = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const canisterId = await network.createCanister({ sender: alice });
    const wasm = watCanisterWasm();
    const half = Math.floor(wasm.length / 2);
    const hashes: Uint8Array[] = [];
    for (const chunk of [wasm.subarray(0, half), wasm.subarray(half)]) {
      const outcome = await network.engine.update({
        sender: alice,
        canisterId: mgmt,
        method: 'upload_chunk',
        arg: encode('upload_chunk', { canister_id: canisterId, chunk }),
      });
      if (outcome.kind !== 'replied') throw new Error(outcome.rejectMessage);
      const [reply] = IDL.decode(
        MANAGEMENT_METHODS.upload_chunk!.rets,
        new Uint8Array(outcome.reply),
      );
      hashes.push((reply as unknown as { hash: Uint8Array }).hash);
    }
    const install = (moduleHash: Uint8Array) =>
      network.engine.update({
        sender: alice,
        canisterId: mgmt,
        method: 'install_chunked_code',
        arg: encode('install_chunked_code', {
          mode: { install: null },
          target_canister: canisterId,
          store_canister: [],
          chunk_hashes_list: hashes.map((hash) => ({ hash })),
          wasm_module_hash: moduleHash,
          arg: new Uint8Array(0),
          sender_canister_version: [],
        }),
      });
    expect(await install(new Uint8Array(32))).toMatchObject({ kind: 'rejected', rejectCode: 4 });
    expect(await install(new Uint8Array(createHash('sha256').update(wasm).digest()))).toMatchObject(
      { kind: 'replied' },
    );
    const status = await network.canisterStatus({ canisterId, sender: alice });
    expect(Buffer.from((status.module_hash as [Uint8Array])[0]).toString('hex')).toBe(
      createHash('sha256').update(wasm).digest('hex'),
    );
  });

  it('checks the controller before accepting a user management call, and refuses canister-only methods', async () => {
    const network = await LocalNetwork.create();
    const alice = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
    const canisterId = await network.createCanister({ sender: alice });
    const stop = encode('stop_canister', { canister_id: canisterId });
    expect(
      await network.engine.inspectMessage({
        sender: alice,
        canisterId: mgmt,
        method: 'stop_canister',
        arg: stop,
      }),
    ).toBeUndefined();
    expect(
      await network.engine.inspectMessage({
        sender,
        canisterId: mgmt,
        method: 'stop_canister',
        arg: stop,
      }),
    ).toMatchObject({ rejectCode: 5, errorCode: 'IC0512' });
    expect(
      await network.engine.inspectMessage({
        sender: alice,
        canisterId: mgmt,
        method: 'raw_rand',
        arg: new Uint8Array(IDL.encode([], [])),
      }),
    ).toMatchObject({ rejectCode: 4 });
    expect(network.engine.management.effectiveCanisterId('stop_canister', stop)?.toText()).toBe(
      canisterId.toText(),
    );
  });

  it('burns idle cycles as time passes', async () => {
    const { network, canisterId } = await setup();
    const before = await network.getCyclesBalance(canisterId);
    await network.setTime(Date.now() + 1000);
    await network.tick();
    await network.advanceTime(24 * 3600 * 1000);
    await network.tick();
    expect(await network.getCyclesBalance(canisterId)).toBeLessThan(before);
  });
});
