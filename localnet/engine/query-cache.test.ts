import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { LocalNetwork, type LocalNetworkOptions } from '../testing/local-network.ts';
import type { CallOutcome } from './errors.ts';
import { u32Reply, watCanisterWasm } from './testing/wat-canister.ts';

const alice = Principal.fromText('2vxsx-fae');
const bob = Principal.selfAuthenticating(new Uint8Array(32).fill(7));
const none = new Uint8Array(0);
const SECOND_MS = 1000;

async function setup(options: LocalNetworkOptions = {}) {
  const network = await LocalNetwork.create(options);
  const canisterId = await network.createCanister();
  await network.installCode({ canisterId, wasm: watCanisterWasm() });
  const engine = network.engine;
  const cache = engine.queryCache;
  const query = (method: string, sender = alice, arg = none) =>
    engine.query({ sender, canisterId, method, arg });
  const update = (method: string) =>
    engine.update({ sender: alice, canisterId, method, arg: none });
  const hits = () => cache?.hits ?? 0;
  return { network, engine, canisterId, query, update, hits };
}

function counter(outcome: CallOutcome): number {
  if (outcome.kind !== 'replied') throw new Error(`expected a reply, got ${outcome.rejectMessage}`);
  return u32Reply(outcome.reply);
}

function bytesOf(outcome: CallOutcome): string {
  if (outcome.kind !== 'replied') throw new Error(`expected a reply, got ${outcome.rejectMessage}`);
  return Buffer.from(outcome.reply).toString('hex');
}

describe('the replica-side query cache', () => {
  it('answers a repeated query without running it, per sender, method and argument', async () => {
    const { network, canisterId, query, hits } = await setup();
    const canister = network.engine.getCanister(canisterId)!;
    expect(counter(await query('read'))).toBe(0);
    canister.lastInstructions = -1n;
    expect(counter(await query('read'))).toBe(0);
    expect(hits()).toBe(1);
    expect(canister.lastInstructions).toBe(-1n); // the canister did not run
    await query('read', bob);
    await query('read', alice, Uint8Array.of(1));
    await query('read_stable');
    expect(hits()).toBe(1);
  });

  it('keeps its answer when a caller changes the bytes it was given', async () => {
    const { query, hits } = await setup();
    const first = await query('read');
    if (first.kind === 'replied') first.reply.fill(9);
    const second = await query('read');
    if (second.kind === 'replied') second.reply.fill(7);
    expect(counter(await query('read'))).toBe(0);
    expect(hits()).toBe(2);
  });

  it('runs the query again once an update, an upgrade or a stop changed the canister', async () => {
    const { network, canisterId, query, update, hits } = await setup();
    await query('read');
    expect(counter(await update('inc'))).toBe(1);
    expect(counter(await query('read'))).toBe(1);
    expect(hits()).toBe(0);
    // A trapped update leaves the state (and the version) as it was: the answer stands.
    await update('inc_then_trap');
    expect(counter(await query('read'))).toBe(1);
    expect(hits()).toBe(1);
    // An upgrade starts a fresh heap: a stale answer would still say 1.
    await network.upgradeCanister({ canisterId, wasm: watCanisterWasm() });
    expect(counter(await query('read'))).toBe(0);
    expect(hits()).toBe(1);
    await network.stopCanister({ canisterId });
    expect(await query('read')).toMatchObject({ kind: 'rejected', errorCode: 'IC0508' });
  });

  it('keeps an answer that read the time only while the time stands still', async () => {
    const { network, query, hits } = await setup();
    await network.setTime(Date.UTC(2030, 0, 1));
    const first = bytesOf(await query('time_now'));
    expect(bytesOf(await query('time_now'))).toBe(first);
    expect(hits()).toBe(1);
    await network.advanceTime(1);
    expect(bytesOf(await query('time_now'))).not.toBe(first);
    expect(hits()).toBe(1);
    // An answer that never read the time outlives a clock change, up to ten minutes.
    await query('read');
    await network.advanceTime(599 * SECOND_MS);
    await query('read');
    expect(hits()).toBe(2);
    await network.advanceTime(2 * SECOND_MS);
    await query('read');
    expect(hits()).toBe(2);
  });

  it('checks the cycle balance only for answers that read it', async () => {
    const { network, canisterId, query, hits } = await setup();
    const before = bytesOf(await query('balance'));
    await query('read');
    await network.addCycles(canisterId, 1_000_000n);
    expect(bytesOf(await query('balance'))).not.toBe(before);
    await query('read');
    expect(hits()).toBe(1);
  });

  it('expires an answer that read a data certificate after a minute', async () => {
    const { network, query, hits } = await setup();
    network.engine.setDataCertificateProvider(() => new Uint8Array(10));
    await network.setTime(Date.UTC(2030, 0, 1));
    expect(counter(await query('certificate_size'))).toBe(10);
    await network.advanceTime(59 * SECOND_MS);
    await query('certificate_size');
    expect(hits()).toBe(1);
    await network.advanceTime(2 * SECOND_MS);
    await query('certificate_size');
    expect(hits()).toBe(1);
  });

  it("keeps a canister's own reject but never a trap", async () => {
    const { query, hits } = await setup();
    const refused = await query('refuse');
    expect(refused).toMatchObject({ kind: 'rejected', rejectCode: 4, rejectMessage: 'boom' });
    expect(await query('refuse')).toEqual(refused);
    expect(hits()).toBe(1);
    await query('trap_in_query');
    expect(await query('trap_in_query')).toMatchObject({ kind: 'rejected', rejectCode: 5 });
    expect(hits()).toBe(1);
  });

  it('keeps no answer whose call graph met a refused call', async () => {
    const { query, hits } = await setup();
    // The canister replies with the reject code of its call to a canister that does not exist.
    expect(counter(await query('ask_missing_canister'))).toBe(3);
    expect(counter(await query('ask_missing_canister'))).toBe(3);
    expect(hits()).toBe(0);
  });

  it('drops the least recently used answers beyond its capacity', async () => {
    const { engine, query, hits } = await setup({ queryCache: { capacityBytes: 700 } });
    await query('read', alice);
    await query('read', bob);
    await query('read', alice); // alice is now the most recently used
    expect(hits()).toBe(1);
    await query('pages', alice); // the third entry does not fit with both others: bob's leaves
    expect(engine.queryCache!.size).toBe(2);
    await query('read', alice);
    expect(hits()).toBe(2);
    await query('read', bob);
    expect(hits()).toBe(2);
  });

  it('can be turned off', async () => {
    const { engine, query } = await setup({ queryCache: false });
    expect(engine.queryCache).toBeUndefined();
    expect(counter(await query('read'))).toBe(0);
    expect(counter(await query('read'))).toBe(0);
  });
});
