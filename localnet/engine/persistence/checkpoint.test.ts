import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Principal } from '@dfinity/principal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Engine } from '../engine.ts';
import { LocalNetwork } from '../../testing/local-network.ts';
import { u32Reply, watCanisterWasm } from '../testing/wat-canister.ts';
import {
  captureCheckpoint,
  restoreEngine,
  writeCheckpoint,
  type CheckpointImages,
} from './checkpoint.ts';
import { previousFolder } from './checkpoint-files.ts';

const FORMAT_1 = fileURLToPath(new URL('./fixtures/format-1', import.meta.url));
const sender = Principal.anonymous();
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checkpoint-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(engine: Engine, canisterId: Principal, method: string): Promise<number> {
  const outcome = await engine.query({ sender, canisterId, method, arg: new Uint8Array(0) });
  if (outcome.kind !== 'replied') throw new Error(outcome.rejectMessage);
  return u32Reply(outcome.reply);
}

describe('checkpoints', () => {
  it('loads a checkpoint written before incremental saves (format 1, raw heap)', async () => {
    const engine = new Engine();
    expect(await restoreEngine(engine, FORMAT_1)).toEqual({ lastRound: 0, files: {} });
    const id = Principal.fromText('lxzze-o7777-77777-aaaaa-cai');
    expect(await read(engine, id, 'read')).toBe(3);
    expect(await read(engine, id, 'read_stable')).toBe(3);
  });

  it('writes only what changed since the previous checkpoint, and restores it', async () => {
    const network = await LocalNetwork.create();
    const canisterId = await network.createCanister();
    await network.installCode({ canisterId, wasm: watCanisterWasm() });
    const call = (method: string) =>
      network.engine.update({ sender, canisterId, method, arg: new Uint8Array(0) });
    await call('inc');
    await call('persist');
    const images: CheckpointImages = new Map();
    const state = join(dir, 'state');
    const first = captureCheckpoint(network.engine, {}, images);
    expect([...first.blobs.values()].filter((b) => !b.unchanged)).toHaveLength(2);
    await writeCheckpoint(first, state);

    await call('inc');
    const second = captureCheckpoint(network.engine, {}, images);
    const changed = [...second.blobs].filter(([, blob]) => !blob.unchanged).map(([n]) => n);
    expect(changed).toEqual([`heap-${canisterId.toText()}-2.delta`]);
    const stableName = [...second.blobs.keys()].find((name) => name.startsWith('stable-'))!;
    const before = await stat(join(state, 'blobs', stableName));
    await writeCheckpoint(second, state);
    expect((await stat(join(state, 'blobs', stableName))).ino).toBe(before.ino);

    const restored = new Engine();
    await restoreEngine(restored, state);
    expect(await read(restored, canisterId, 'read')).toBe(2);
    expect(await read(restored, canisterId, 'read_stable')).toBe(1);
  });

  it('after a restore, a checkpoint writes only the memories changed since (images seeded)', async () => {
    const network = await LocalNetwork.create();
    const canisterId = await network.createCanister();
    await network.installCode({ canisterId, wasm: watCanisterWasm() });
    for (const method of ['inc', 'persist'])
      await network.engine.update({ sender, canisterId, method, arg: new Uint8Array(0) });
    const state = join(dir, 'state');
    await writeCheckpoint(captureCheckpoint(network.engine, {}, new Map()), state);

    const restored = new Engine();
    const images: CheckpointImages = new Map();
    await restoreEngine(restored, state, undefined, images);
    const unchanged = captureCheckpoint(restored, {}, images);
    expect([...unchanged.blobs.values()].filter((b) => !b.unchanged)).toHaveLength(0);
    const runtime = restored.getCanister(canisterId)!.runtime!;
    await restored.update({ sender, canisterId, method: 'inc', arg: new Uint8Array(0) });
    const written = runtime.takeWrittenPages();
    expect(written).not.toBe('all');
    expect((written as Set<number>).size).toBeLessThan(3);
    await restored.update({ sender, canisterId, method: 'inc', arg: new Uint8Array(0) });
    const next = captureCheckpoint(restored, {}, images);
    const changed = [...next.blobs].filter(([, blob]) => !blob.unchanged).map(([n]) => n);
    expect(changed).toEqual([`heap-${canisterId.toText()}-2.delta`]);
    await writeCheckpoint(next, state);
    const again = new Engine();
    await restoreEngine(again, state);
    expect(await read(again, canisterId, 'read')).toBe(3);
    expect(await read(again, canisterId, 'read_stable')).toBe(1);
  });

  it('restores snapshots without reading them, and loads one after its files moved', async () => {
    const network = await LocalNetwork.create();
    const first = await network.createCanister();
    const canisterId = await network.createCanister();
    for (const id of [first, canisterId])
      await network.installCode({ canisterId: id, wasm: watCanisterWasm() });
    const call = (target: LocalNetwork, method: string) =>
      target.engine.update({ sender, canisterId, method, arg: new Uint8Array(0) });
    for (const method of ['inc', 'persist', 'inc']) await call(network, method);
    const taken = await network.takeSnapshot({ canisterId });
    await call(network, 'inc');
    const state = join(dir, 'state');
    await writeCheckpoint(captureCheckpoint(network.engine, {}, new Map()), state);

    const restored = await LocalNetwork.create({ stateDir: state });
    expect(await restored.listSnapshots({ canisterId })).toEqual([taken]);
    // Deleting the first canister renames the snapshot's files in the next checkpoint, and
    // that checkpoint removes the old names: the unread snapshot must still load afterwards.
    await restored.stopCanister({ canisterId: first });
    await restored.deleteCanister({ canisterId: first });
    await writeCheckpoint(captureCheckpoint(restored.engine, {}, new Map()), state);
    await restored.loadSnapshot({ canisterId, snapshotId: taken.id });
    expect(await read(restored.engine, canisterId, 'read')).toBe(2);
    expect(await read(restored.engine, canisterId, 'read_stable')).toBe(1);

    const again = await LocalNetwork.create({ stateDir: state });
    expect(await again.listSnapshots({ canisterId })).toEqual([taken]);
    await again.loadSnapshot({ canisterId, snapshotId: taken.id });
    expect(await read(again.engine, canisterId, 'read')).toBe(2);
  });

  it('restores a heap on its first use, and checkpoints taken before that link its files', async () => {
    const network = await LocalNetwork.create();
    const canisterId = await network.createCanister();
    await network.installCode({ canisterId, wasm: watCanisterWasm() });
    for (const method of ['inc', 'inc', 'persist'])
      await network.engine.update({ sender, canisterId, method, arg: new Uint8Array(0) });
    const memorySize = (await network.canisterStatus({ canisterId })).memory_size;
    const state = join(dir, 'state');
    await writeCheckpoint(captureCheckpoint(network.engine, {}, new Map()), state);

    const restored = new Engine();
    const images: CheckpointImages = new Map();
    await restoreEngine(restored, state, undefined, images);
    const canister = restored.getCanister(canisterId)!;
    expect(canister.unloadedHeap).toBeDefined();
    expect(canister.memoryBytes()).toBe(memorySize);
    const before = captureCheckpoint(restored, {}, images);
    expect([...before.blobs.values()].filter((b) => !b.unchanged)).toHaveLength(0);
    expect(canister.unloadedHeap).toBeDefined();
    await writeCheckpoint(before, state);
    // The first use may fall inside a later checkpoint's folder swap: the old folder renamed,
    // the new one not in place yet.
    await rename(state, previousFolder(state));
    expect(await read(restored, canisterId, 'read')).toBe(2);
    await rename(previousFolder(state), state);
    expect(canister.unloadedHeap).toBeUndefined();
    await restored.update({ sender, canisterId, method: 'inc', arg: new Uint8Array(0) });
    const after = captureCheckpoint(restored, {}, images);
    const changed = [...after.blobs].filter(([, blob]) => !blob.unchanged).map(([n]) => n);
    expect(changed).toEqual([`heap-${canisterId.toText()}-2.delta`]);
    await writeCheckpoint(after, state);
    const again = new Engine();
    await restoreEngine(again, state);
    expect(await read(again, canisterId, 'read')).toBe(3);
    expect(await read(again, canisterId, 'read_stable')).toBe(2);
  });
});
