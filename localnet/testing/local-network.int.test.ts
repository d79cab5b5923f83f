import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildWithAzle } from '../../cli/build/azle-build.ts';
import {
  probeIdlFactory,
  type ProbeService,
} from '../../test/fixtures/canisters/probe/probe-idl.ts';
import { CallRejectedError } from '../engine/errors.ts';
import type { Actor } from './local-actor.ts';
import { LocalNetwork } from './local-network.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
const cacheDir = fileURLToPath(new URL('../../.localnet/wasm-cache', import.meta.url));
const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(1));
const bob = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(2));
const initArg = (greeting: string) => new Uint8Array(IDL.encode([IDL.Text], [greeting]));

let wasm: Uint8Array;
let network: LocalNetwork;
let probe: Actor<ProbeService>;
let probeId: Principal;
let peerId: Principal;

async function rejection(promise: Promise<unknown>): Promise<CallRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallRejectedError);
  return error as CallRejectedError;
}

beforeAll(async () => {
  const built = await buildWithAzle({
    name: 'probe',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/probe`],
  });
  wasm = new Uint8Array(await readFile(built.wasmPath));
  network = await LocalNetwork.create({ cacheDir });
  const setup = await network.setupCanister<ProbeService>({
    idlFactory: probeIdlFactory,
    wasm,
    arg: initArg('hello from init'),
    sender: alice.getPrincipal(),
  });
  probe = setup.actor;
  probeId = setup.canisterId;
  peerId = (
    await network.setupCanister({
      idlFactory: probeIdlFactory,
      wasm,
      arg: initArg('peer'),
      sender: alice.getPrincipal(),
    })
  ).canisterId;
});

describe('messages', () => {
  it('gives the first canister the local range id and runs init with its argument', async () => {
    expect(probeId.toText()).toBe('lxzze-o7777-77777-aaaaa-cai');
    expect(await probe.greet()).toBe('hello from init');
  });

  it('keeps an update and shows it to a query', async () => {
    const before = await probe.counter();
    expect(await probe.increment(5)).toBe(before + 5);
    expect(await probe.counter()).toBe(before + 5);
  });

  it('never keeps what a query wrote, in heap or stable memory', async () => {
    const before = await probe.counter();
    expect(await probe.increment_in_query()).toBe(before + 1);
    expect(await probe.counter()).toBe(before);
    expect(await probe.get('written-by-query')).toEqual([]);
  });

  it('rolls back heap and stable memory when an update traps', async () => {
    const before = await probe.counter();
    const error = await rejection(probe.put_then_trap('trapped-key', 'value'));
    expect(error.rejectCode).toBe(5);
    expect(error.errorCode).toBe('IC0503');
    expect(error.rejectMessage).toContain('deliberate trap after writing');
    expect(await probe.counter()).toBe(before);
    expect(await probe.get('trapped-key')).toEqual([]);
    await probe.put('kept-key', 'kept');
    expect(await probe.get('kept-key')).toEqual(['kept']);
  });

  it('gives back the memory a trapped update grew, so repeated traps do not swell the heap', async () => {
    const runtime = network.engine.getCanister(probeId)!.runtime!;
    const heapBefore = runtime.heapBytes;
    for (let round = 0; round < 3; round++) {
      const error = await rejection(probe.grow_then_trap(32));
      expect(error.rejectMessage).toContain('deliberate trap after growing the heap');
      expect(runtime.heapBytes).toBe(heapBefore);
    }
    expect(runtime.memory.buffer.byteLength).toBeGreaterThan(heapBefore + 16 * 2 ** 20);
    await probe.hold_heap(1);
    expect(await probe.counter()).toBeGreaterThanOrEqual(0);
  });

  it('passes the sender set with setIdentity and setPrincipal', async () => {
    probe.setIdentity(bob);
    expect((await probe.whoami()).toText()).toBe(bob.getPrincipal().toText());
    probe.setPrincipal(Principal.anonymous());
    expect((await probe.whoami()).toText()).toBe('2vxsx-fae');
  });

  it('traps a runaway loop at the update instruction limit', async () => {
    // The IC's 40e9 would take tens of seconds here; the limit is configurable per network.
    const small = await LocalNetwork.create({
      cacheDir,
      instructionLimits: { update: 300_000_000n },
    });
    const { actor } = await small.setupCanister<ProbeService>({
      idlFactory: probeIdlFactory,
      wasm,
      arg: initArg('small'),
    });
    const error = await rejection(actor.spin());
    expect(error.errorCode).toBe('IC0522');
    expect(error.rejectMessage).toMatch(
      /exceeded the limit of 300000000 instructions for single message execution/,
    );
    expect(await actor.greet()).toBe('small');
    expect(await actor.increment(1)).toBe(1);
  });
});

describe('inter-canister calls', () => {
  it('returns the callee reply', async () => {
    expect(await probe.call_other(peerId, 'echo', 'ping')).toEqual({ Ok: 'ping' });
  });

  it('reports each reject code the engine produces', async () => {
    const missing = Principal.fromText('aaaaa-aa');
    const nowhere = Principal.fromUint8Array(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 9, 1, 1]));
    const codeOf = async (target: Principal, method: string) => {
      const result = await probe.call_other(target, method, 'x');
      if (!('Err' in result)) throw new Error(`expected a reject, got ${JSON.stringify(result)}`);
      return result.Err;
    };
    expect((await codeOf(nowhere, 'echo')).code).toBe(3);
    expect(await codeOf(peerId, 'reject_with')).toEqual({
      code: 4,
      message: 'rejected on purpose',
    });
    const trapped = await codeOf(peerId, 'boom');
    expect(trapped.code).toBe(5);
    expect(trapped.message).toContain('x');
    expect((await codeOf(peerId, 'no_such_method')).message).toMatch(
      /has no update method 'no_such_method'/,
    );
    expect((await codeOf(missing, 'no_such_management_method')).code).toBe(4);
  });

  it('rejects calls to a stopped canister with code 5 and to a deleted one with code 3', async () => {
    const target = await network.createCanister({ sender: alice.getPrincipal() });
    await network.installCode({
      canisterId: target,
      wasm,
      arg: initArg('t'),
      sender: alice.getPrincipal(),
    });
    await network.stopCanister({ canisterId: target, sender: alice.getPrincipal() });
    const stopped = await probe.call_other(target, 'echo', 'x');
    expect(stopped).toEqual({ Err: { code: 5, message: expect.stringMatching(/is stopped/) } });
    const direct = await rejection(
      network.createActor<ProbeService>(probeIdlFactory, target).echo('x'),
    );
    expect(direct.errorCode).toBe('IC0508');
    await network.deleteCanister({ canisterId: target, sender: alice.getPrincipal() });
    expect(await probe.call_other(target, 'echo', 'x')).toEqual({
      Err: { code: 3, message: expect.stringMatching(/not found/) },
    });
  });

  it('commits state before an await, rolls back a trapping callback and runs its cleanup', async () => {
    const before = await probe.counter();
    const error = await rejection(probe.trap_after_await());
    expect(error.rejectCode).toBe(5);
    expect(error.rejectMessage).toContain('trap after await');
    expect(await probe.counter()).toBe(before + 1);
    const logs = await network.fetchLogs({ canisterId: probeId, sender: alice.getPrincipal() });
    expect(logs.some((l) => l.content.includes('[TRAP]: trap after await'))).toBe(true);
    expect(logs.some((l) => l.content.includes('cleanup observed'))).toBe(true);
  });

  it('lets a composite query call a query on another canister', async () => {
    expect(await probe.composite_echo(peerId, 'deep')).toBe('composite: deep');
  });
});

describe('timers, randomness, logs, cycles', () => {
  it('fires a timer after advanceTime and tick', async () => {
    await network.setTime(Date.now() + 60_000);
    const before = await probe.timer_runs();
    await probe.start_timer(30);
    await network.tick();
    expect(await probe.timer_runs()).toBe(before);
    await network.advanceTime(31_000);
    await network.tick();
    expect(await probe.timer_runs()).toBe(before + 1);
  });

  it('answers raw_rand with different 32-byte blobs', async () => {
    const first = await probe.random();
    const second = await probe.random();
    expect(first).toHaveLength(32);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });

  it('returns debug_print output with timestamps', async () => {
    await probe.log('a line for the log');
    const logs = await network.fetchLogs({ canisterId: probeId, sender: alice.getPrincipal() });
    const line = logs.find((l) => l.content.includes('a line for the log'));
    expect(line?.timestampNanos).toBeGreaterThan(0n);
  });

  it('charges cycles for work, more for more work', async () => {
    const start = await network.getCycles(probeId);
    await probe.noop();
    const afterNoop = await network.getCycles(probeId);
    await probe.fill(1000, 16);
    const afterFill = await network.getCycles(probeId);
    expect(afterNoop).toBeLessThan(start);
    expect(start - afterNoop).toBeLessThan(afterNoop - afterFill);
    expect(await probe.instructions()).toBeGreaterThan(0n);
  });
});

describe('lifecycle and management', () => {
  it('keeps StableBTreeMap data and drops heap state on upgrade', async () => {
    await probe.put('survives', 'upgrade');
    await probe.increment(7);
    await network.upgradeCanister({
      canisterId: probeId,
      wasm,
      arg: initArg('v2'),
      sender: alice.getPrincipal(),
    });
    expect(await probe.greet()).toBe('upgraded: v2');
    expect(await probe.counter()).toBe(0);
    expect(await probe.get('survives')).toEqual(['upgrade']);
  });

  it('refuses management calls from a non-controller', async () => {
    const error = await rejection(
      network.stopCanister({ canisterId: probeId, sender: bob.getPrincipal() }),
    );
    expect(error.errorCode).toBe('IC0512');
    expect(error.rejectMessage).toContain(bob.getPrincipal().toText());
    const status = await network.canisterStatus({
      canisterId: probeId,
      sender: alice.getPrincipal(),
    });
    expect(status.status).toEqual({ running: null });
    expect(
      (status.settings as { controllers: Principal[] }).controllers.map((p) => p.toText()),
    ).toEqual([alice.getPrincipal().toText()]);
  });

  it('restores an earlier state from a snapshot', async () => {
    const sender = alice.getPrincipal();
    await probe.put('snap', 'before');
    const snapshot = await network.takeSnapshot({ canisterId: probeId, sender });
    await probe.put('snap', 'after');
    await probe.increment(3);
    expect(await network.listSnapshots({ canisterId: probeId, sender })).toHaveLength(1);
    await network.loadSnapshot({ canisterId: probeId, snapshotId: snapshot.id, sender });
    expect(await probe.get('snap')).toEqual(['before']);
    expect(await probe.counter()).toBe(0);
    await network.deleteSnapshot({ canisterId: probeId, snapshotId: snapshot.id, sender });
    const missing = await rejection(
      network.deleteSnapshot({ canisterId: probeId, snapshotId: snapshot.id, sender }),
    );
    expect(missing.rejectCode).toBe(3);
  });
});

describe('checkpoint', () => {
  it('restores an Azle canister from a checkpoint: heap, stable data and calls keep working', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localnet-int-checkpoint-'));
    try {
      await probe.put('checkpointed', 'yes');
      const counter = await probe.increment(11);
      await network.checkpoint(join(dir, 'state'));
      const restored = await LocalNetwork.create({ stateDir: join(dir, 'state'), cacheDir });
      const again = restored.createActor<ProbeService>(probeIdlFactory, probeId);
      expect(await again.get('checkpointed')).toEqual(['yes']);
      expect(await again.counter()).toBe(counter);
      expect(await again.increment(1)).toBe(counter + 1);
      expect(await again.random()).toHaveLength(32);
      expect(await restored.getControllers(probeId)).toEqual(await network.getControllers(probeId));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input', () => {
  it('refuses bytes that are not Wasm and a truncated module', async () => {
    const canisterId = await network.createCanister();
    const notWasm = await rejection(
      network.installCode({ canisterId, wasm: new TextEncoder().encode('not a wasm module') }),
    );
    expect(notWasm.errorCode).toBe('IC0505');
    expect(notWasm.rejectMessage).toMatch(/WASM_NOT_WASM/);
    const truncated = await rejection(
      network.installCode({ canisterId, wasm: wasm.subarray(0, 100_000) }),
    );
    expect(truncated.errorCode).toBe('IC0505');
    expect(truncated.rejectMessage).toMatch(/WASM_/);
  });

  it('names an unknown ic0 import at install', async () => {
    const canisterId = await network.createCanister();
    const error = await rejection(
      network.installCode({ canisterId, wasm: moduleImporting('ic0', 'no_such_function') }),
    );
    expect(error.rejectMessage).toContain('ic0.no_such_function');
  });

  it('rejects install on a canister that does not exist', async () => {
    const canisterId = Principal.fromUint8Array(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 42, 1, 1]));
    const error = await rejection(network.installCode({ canisterId, wasm }));
    expect(error.rejectCode).toBe(3);
    expect(error.errorCode).toBe('IC0301');
  });
});

/** A minimal module: one function import (`() -> ()`), nothing else. */
function moduleImporting(module: string, name: string): Uint8Array {
  const text = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const types = [0x01, 0x60, 0x00, 0x00];
  const imports = [0x01, ...text(module), ...text(name), 0x00, 0x00];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(2, imports),
  ]);
}
