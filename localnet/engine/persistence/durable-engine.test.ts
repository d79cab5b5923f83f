import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CallOutcome } from '../errors.ts';
import { MANAGEMENT_METHODS } from '../management/management-idl.ts';
import { u32Reply, watCanisterWasm } from '../testing/wat-canister.ts';
import { openDurableEngine, type DurableEngine } from './durable-engine.ts';
import type { RoundInput } from './round-record.ts';

const user = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const mgmt = Principal.managementCanister();
let dir: string;
const open: DurableEngine[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'durable-engine-'));
});

afterEach(async () => {
  for (const durable of open.splice(0)) await durable.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(roundBudgetMs?: number): Promise<DurableEngine> {
  const durable = await openDurableEngine({
    checkpointDir: join(dir, 'state'),
    walDir: join(dir, 'wal'),
    roundBudgetMs,
  });
  open.push(durable);
  return durable;
}

function ingress(
  canisterId: Principal,
  method: string,
  arg = new Uint8Array(0),
): Extract<RoundInput, { kind: 'ingress' }> {
  return {
    kind: 'ingress',
    sender: user.toUint8Array(),
    canisterId: canisterId.toUint8Array(),
    method,
    arg,
  };
}

function management(method: string, arg: unknown): RoundInput {
  return ingress(mgmt, method, new Uint8Array(IDL.encode(MANAGEMENT_METHODS[method]!.args, [arg])));
}

async function installedCanister(durable: DurableEngine): Promise<Principal> {
  const created = await durable.rounds.submit(
    management('provisional_create_canister_with_cycles', {
      amount: [],
      settings: [],
      specified_id: [],
      sender_canister_version: [],
    }),
  );
  const [{ canister_id }] = IDL.decode(
    MANAGEMENT_METHODS.provisional_create_canister_with_cycles!.rets,
    replyOf(created),
  ) as unknown as [{ canister_id: Principal }];
  await durable.rounds.submit(
    management('install_code', {
      mode: { install: null },
      canister_id: canister_id,
      wasm_module: watCanisterWasm(),
      arg: new Uint8Array(0),
      sender_canister_version: [],
    }),
  );
  return canister_id;
}

function replyOf(outcome: CallOutcome | undefined): Uint8Array {
  if (outcome?.kind !== 'replied')
    throw new Error(`expected a reply, got ${JSON.stringify(outcome)}`);
  return outcome.reply.slice();
}

async function counter(durable: DurableEngine, canisterId: Principal): Promise<number> {
  const outcome = await durable.engine.query({
    sender: user,
    canisterId,
    method: 'read',
    arg: new Uint8Array(0),
  });
  return u32Reply(replyOf(outcome));
}

describe('durable engine: write-ahead log and checkpoints', () => {
  it('replays every acknowledged round after a crash (no checkpoint taken)', async () => {
    const first = await start();
    const id = await installedCanister(first);
    await Promise.all([1, 2, 3].map(() => first.rounds.submit(ingress(id, 'inc'))));
    expect(first.wal.fsyncs).toBeLessThan(5);
    open.splice(0); // a crash: nothing closed, nothing checkpointed

    const second = await start();
    expect(second.replay.replayed).toBeGreaterThanOrEqual(3);
    expect(await counter(second, id)).toBe(3);
    expect(replyOf(await second.rounds.submit(ingress(id, 'inc')))).toEqual(
      new Uint8Array([4, 0, 0, 0]),
    );
  });

  it('leaves the inputs a round had no time for to the next rounds, which replay the same', async () => {
    const first = await start(0); // out of time after each input
    const id = await installedCanister(first);
    const roundsBefore = first.rounds.rounds;
    const replies = await Promise.all([1, 2, 3].map(() => first.rounds.submit(ingress(id, 'inc'))));
    expect(replies.map((outcome) => u32Reply(replyOf(outcome)))).toEqual([1, 2, 3]);
    expect(first.rounds.rounds - roundsBefore).toBe(3);
    open.splice(0); // a crash

    const second = await start();
    expect(second.replay.replayed).toBe(first.rounds.rounds);
    expect(await counter(second, id)).toBe(3);
  });

  it('a checkpoint keeps the ingress history, written in parts and read back whole', async () => {
    const first = await start();
    const id = await installedCanister(first);
    const requestId = new Uint8Array(32).fill(9);
    await first.rounds.submit({
      ...ingress(id, 'inc'),
      request: { id: requestId, expiryNs: 10n ** 30n, effectiveCanisterId: id.toUint8Array() },
    });
    await first.checkpoint();
    await first.close();
    open.splice(0);

    const second = await start();
    expect(second.replay.replayed).toBe(0);
    const [entry] = second.history.all();
    expect(second.history.size).toBe(1);
    expect(entry!.id).toEqual(requestId);
    expect(u32Reply(replyOf(entry!.outcome))).toBe(1);
  });

  it('runs every input left by rounds out of time before it closes', async () => {
    const first = await start(0);
    const id = await installedCanister(first);
    let settled = 0;
    const replies = [1, 2, 3, 4].map(() =>
      first.rounds.submit(ingress(id, 'inc')).finally(() => settled++),
    );
    await first.close();
    expect(settled).toBe(4);
    expect((await Promise.all(replies)).map((outcome) => u32Reply(replyOf(outcome)))).toEqual([
      1, 2, 3, 4,
    ]);
    open.splice(0);

    const second = await start();
    expect(await counter(second, id)).toBe(4);
  });

  it('drops a torn last record and keeps everything before it', async () => {
    const first = await start();
    const id = await installedCanister(first);
    await first.rounds.submit(ingress(id, 'inc'));
    await first.close();
    open.splice(0);
    const segments = (await readdir(join(dir, 'wal'))).sort();
    await appendFile(join(dir, 'wal', segments.at(-1)!), new Uint8Array([200, 0, 0, 0, 1, 2, 3]));

    const second = await start();
    expect(second.replay.droppedTornRecords).toBe(1);
    expect(await counter(second, id)).toBe(1);
  });

  it('a checkpoint truncates the log; later rounds replay on top of it', async () => {
    const first = await start();
    const id = await installedCanister(first);
    await first.rounds.submit(ingress(id, 'inc'));
    await first.checkpoint();
    expect((await readdir(join(dir, 'wal'))).length).toBe(1);
    await first.rounds.submit(ingress(id, 'inc'));
    open.splice(0);

    const second = await start();
    expect(second.replay.replayed).toBe(1);
    expect(await counter(second, id)).toBe(2);
  });

  it('replays rounds at the time they had (a timer armed at ic0.time + 1 s)', async () => {
    const first = await start();
    const id = await installedCanister(first);
    const armed = await first.rounds.submit(ingress(id, 'arm_timer'));
    const timerAt = first.engine.getCanister(id)!.globalTimer;
    expect(armed?.kind).toBe('replied');
    expect(timerAt).toBeGreaterThan(0n);
    open.splice(0);

    const second = await start();
    expect(second.engine.getCanister(id)!.globalTimer).toBe(timerAt);
  });
});
