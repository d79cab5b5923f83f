import { existsSync, readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { Principal } from '@dfinity/principal';

import type { Canister, PendingRuntime } from '../canister.ts';
import type { Engine } from '../engine.ts';
import { prepareModule, type PreparedModule } from '../prepared-module.ts';
import { encodeStable, loadStable, type CheckpointImages } from './memory-files.ts';
import { pagedBytes, SparseImage, type PagedMemory } from './sparse-image.ts';
import { previousFolder, writingFolder } from './checkpoint-files.ts';
import { pendingRuntime } from './pending-runtime.ts';
import { storedSnapshot } from './stored-snapshot.ts';

const FORMAT = 1;
const STATE_FILE = 'state.json';

export type { CheckpointImages } from './memory-files.ts';

interface Blob {
  /** Unchanged since the previous checkpoint in the same folder: linked, not written again. */
  unchanged: boolean;
  /** The file's bytes, or its parts in order (written without joining them). */
  bytes(): Uint8Array | Uint8Array[];
}

/** A checkpoint copied out of the engine, ready to be written while the network runs on. */
export interface CapturedCheckpoint {
  readonly state: object;
  readonly blobs: ReadonlyMap<string, Blob>;
}

/**
 * Serialises every canister (heap, stack pointer, stable memory, settings, cycles, logs,
 * snapshots, chunk store) and the clock and id allocator. Big blobs go to their own files.
 * Call contexts in flight are not saved: checkpoint when the network is idle.
 */
export async function checkpointEngine(
  engine: Engine,
  dir: string,
  extras: CheckpointExtras = {},
): Promise<void> {
  await engine.run();
  await writeCheckpoint(captureCheckpoint(engine, extras), dir);
}

/**
 * Copies the state out of the engine, synchronously (between messages). With `images` from
 * the previous capture, only the memory pages that changed since are copied.
 */
export function captureCheckpoint(
  engine: Engine,
  extras: CheckpointExtras = {},
  images: CheckpointImages = new Map(),
): CapturedCheckpoint {
  const blobs = new Map<string, Blob>();
  const blob = (name: string, bytes: Blob['bytes'], unchanged = false) => {
    blobs.set(name, { unchanged, bytes });
    return name;
  };
  const immutable = (name: string, bytes: Uint8Array | (() => Uint8Array)) =>
    blob(name, typeof bytes === 'function' ? bytes : () => bytes, true);
  const moduleRef = (module: PreparedModule | undefined, wasm: Uint8Array | undefined) =>
    module && wasm
      ? immutable(`module-${Buffer.from(module.moduleHash).toString('hex')}.wasm`, wasm)
      : null;
  // A memory is a chain of page files (full, then deltas); a capture adds at most one.
  const imageBlob = (key: string, memory: PagedMemory, candidates: Iterable<number> | 'all') => {
    let image = images.get(key);
    if (!image) images.set(key, (image = new SparseImage()));
    image.update(memory, candidates);
    if (image.changed || image.chain.length === 0) {
      const file = image.addFile(key);
      blob(file.name, () => file.parts());
    }
    for (const name of image.chain) if (!blobs.has(name)) blob(name, missingChainFile(name), true);
    return image.chain.length === 1 ? image.chain[0]! : [...image.chain];
  };
  const live = new Set<string>();
  // A heap never used since the restore is still its checkpoint's files: they are linked again.
  const unloadedHeap = (heap: PendingRuntime) => {
    for (const name of heap.heapFiles) blob(name, () => heap.fileBytes(name), true);
    return heap.heapFiles.length === 1 ? heap.heapFiles[0]! : [...heap.heapFiles];
  };
  const canisters = [...engine.canisters.values()].map((canister, index) => {
    const unloaded = canister.unloadedHeap;
    const runtime = unloaded ? undefined : canister.runtime;
    const stableKey = `stable-${canister.idText}`;
    const heapKey = `heap-${canister.idText}`;
    live.add(stableKey).add(heapKey);
    if (!runtime) images.delete(heapKey);
    const stable = canister.stableMemory;
    // Only pages written since the last capture are compared; a memory new to the images
    // (first capture, reinstall, snapshot load) is compared whole.
    const heapWritten = runtime?.takeWrittenPages();
    const stableWritten = stable.takeWrittenPages();
    const stableImage = images.get(stableKey);
    return {
      id: canister.idText,
      controllers: canister.controllers.map((c) => c.toText()),
      status: canister.status === 'stopping' ? 'stopped' : canister.status,
      cycles: canister.cycles.toString(),
      settings: JSON.parse(JSON.stringify(canister.settings, bigintReplacer)) as unknown,
      version: canister.version.toString(),
      certifiedData: Buffer.from(canister.certifiedData).toString('hex'),
      globalTimer: canister.globalTimer.toString(),
      module: moduleRef(canister.module, canister.installedWasm),
      heap: unloaded
        ? unloadedHeap(unloaded)
        : runtime
          ? imageBlob(
              heapKey,
              pagedBytes(runtime.heap()),
              images.has(heapKey) ? heapWritten! : 'all',
            )
          : null,
      stackPointer: unloaded?.stackPointer ?? runtime?.captureStackPointer() ?? 0,
      stable: imageBlob(
        stableKey,
        { totalPages: stable.pages, page: (index) => stable.page(index) },
        stableImage && stableWritten !== 'all'
          ? stableWritten
          : new Set([...stable.storedPages(), ...(stableImage?.keptPages() ?? [])]),
      ),
      logs: canister.logs.map((l) => ({
        idx: l.idx.toString(),
        time: l.timestampNanos.toString(),
        content: l.content,
      })),
      nextLogIndex: canister.nextLogIndex.toString(),
      nextSnapshotIndex: canister.nextSnapshotIndex.toString(),
      chunks: [...canister.chunkStore.entries()].map(([hash, bytes]) =>
        immutable(`chunk-${hash}.bin`, bytes),
      ),
      snapshots: [...canister.snapshots.values()].map((s) => {
        const id = Buffer.from(s.id).toString('hex');
        return {
          id,
          takenAt: s.takenAt.toString(),
          module: moduleRef(s.module, s.wasm),
          heap: immutable(`snapshot-${index}-${id}-heap.bin`, () => s.heap),
          stackPointer: s.stackPointer,
          // Snapshots never change: written once, then linked.
          stable: immutable(`snapshot-${index}-${id}-stable.pages`, () => encodeStable(s.stable)),
          certifiedData: Buffer.from(s.certifiedData).toString('hex'),
          globalTimer: s.globalTimer.toString(),
          chunks: [...s.chunkStore.entries()].map(([hash, bytes]) =>
            immutable(`chunk-${hash}.bin`, bytes),
          ),
        };
      }),
    };
  });
  for (const key of images.keys()) if (!live.has(key)) images.delete(key);
  for (const [name, bytes] of Object.entries(extras.files ?? {}))
    blob(`extra-${name}.bin`, () => bytes);
  const state = {
    format: FORMAT,
    time: engine.time().toString(),
    nextCanisterIndex: engine.ids.state.toString(),
    idleChargedAt: engine.idleChargedAt.toString(),
    lastRound: extras.lastRound ?? 0,
    extras: Object.keys(extras.files ?? {}),
    canisters,
  };
  return { state, blobs };
}

/**
 * Writes a captured checkpoint through a temporary folder and a rename, crash-safe: files are
 * fsynced before the swap. Blobs unchanged since the checkpoint already in `dir` are hard
 * links to its files, so a save writes only what changed.
 */
export async function writeCheckpoint(captured: CapturedCheckpoint, dir: string): Promise<void> {
  const temporary = writingFolder(dir);
  await rm(temporary, { recursive: true, force: true });
  await mkdir(join(temporary, 'blobs'), { recursive: true });
  for (const [name, blob] of captured.blobs) {
    const target = join(temporary, 'blobs', name);
    const existing = join(dir, 'blobs', name);
    if (blob.unchanged && existsSync(existing)) {
      await link(existing, target);
      continue;
    }
    await writeSynced(target, blob.bytes());
  }
  await writeSynced(join(temporary, STATE_FILE), JSON.stringify(captured.state));
  await syncFolder(join(temporary, 'blobs'));
  const previous = previousFolder(dir);
  if (existsSync(dir)) await rename(dir, previous);
  await rename(temporary, dir);
  await syncFolder(dirname(dir));
  await rm(previous, { recursive: true, force: true });
}

/** An earlier file of a memory's chain: only ever linked from the checkpoint that wrote it. */
function missingChainFile(name: string): () => Uint8Array {
  return () => {
    throw new Error(
      `LOCALNET_STATE_MISSING_FILE: blobs/${name} of the previous checkpoint is gone; the next checkpoint writes whole memories`,
    );
  };
}

/** At most this many buffers per writev call (the system's IOV_MAX is 1024). */
const WRITEV_BATCH = 512;

async function writeSynced(path: string, data: Uint8Array | Uint8Array[] | string): Promise<void> {
  const file = await open(path, 'w');
  try {
    if (Array.isArray(data)) {
      for (let at = 0; at < data.length; at += WRITEV_BATCH) {
        const batch = data.slice(at, at + WRITEV_BATCH);
        const { bytesWritten } = await file.writev(batch);
        const total = batch.reduce((sum, part) => sum + part.length, 0);
        if (bytesWritten < total) await file.write(Buffer.concat(batch).subarray(bytesWritten));
      }
    } else await file.writeFile(data);
    await file.datasync();
  } finally {
    await file.close();
  }
}

async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** What a checkpoint carries besides the engine: the last logged round and named extra files. */
export interface CheckpointExtras {
  /** Sequence number of the last write-ahead-log round whose effects the checkpoint holds. */
  lastRound?: number;
  /** Each file's bytes, or its parts in order (written without joining them). */
  files?: Record<string, Uint8Array | Uint8Array[]>;
}

/** The extras a restore read back: each file whole. */
export interface RestoredExtras {
  lastRound: number;
  files: Record<string, Uint8Array>;
}

/**
 * Loads a checkpoint written by checkpointEngine into an empty engine; undefined when none
 * exists, else its extras (older checkpoints have none: last round 0).
 */
export async function restoreEngine(
  engine: Engine,
  dir: string,
  cacheDir?: string,
  images?: CheckpointImages,
): Promise<RestoredExtras | undefined> {
  const statePath = join(dir, STATE_FILE);
  if (!existsSync(statePath)) return undefined;
  const state = JSON.parse(await readFile(statePath, 'utf8')) as SavedState;
  if (state.format !== FORMAT)
    throw new Error(
      `LOCALNET_STATE_FORMAT: ${statePath} has format ${state.format}; expected ${FORMAT}`,
    );
  // Synchronous reads: nothing else runs during a restore, and they take a third of the time.
  const read = (name: string) => {
    const bytes = readFileSync(join(dir, 'blobs', name));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  // Memories are stored sparsely (`.pages`); older checkpoints hold heaps and some stable memories raw (`.bin`).
  const seed = (key: string) => (images ? { images, key } : undefined);
  const modules = new Map<string, PreparedModule>();
  const wasms = new Map<string, Uint8Array>();
  // Canisters and snapshots of one module share its bytes, read once.
  const wasm = (name: string) => {
    if (!wasms.has(name)) wasms.set(name, read(name));
    return wasms.get(name)!;
  };
  const module = async (name: string | null) => {
    if (name === null) return undefined;
    if (!modules.has(name))
      modules.set(name, await prepareModule(wasm(name), cacheDir ? { cacheDir } : undefined));
    return modules.get(name);
  };
  const chunkMap = (names: string[]) =>
    new Map(names.map((n) => [n.slice(6, -4), read(n)] as [string, Uint8Array]));
  const clockTime = BigInt(state.time);
  if (clockTime > engine.time()) engine.clock.set(clockTime);
  for (const saved of state.canisters) {
    const canister = engine.createCanisterRecord(
      saved.controllers.map((c) => Principal.fromText(c)),
      BigInt(saved.cycles),
      Principal.fromText(saved.id),
    );
    restoreCanister(canister, saved);
    const prepared = await module(saved.module);
    const stableNames = [saved.stable].flat();
    canister.stableMemory = loadStable(
      stableNames,
      stableNames.map(read),
      seed(`stable-${canister.idText}`),
    );
    if (prepared && saved.heap && saved.module) {
      canister.installedWasm = wasm(saved.module);
      canister.restoreLater(
        pendingRuntime(
          canister,
          prepared,
          dir,
          [saved.heap].flat(),
          saved.stackPointer,
          seed(`heap-${canister.idText}`),
        ),
      );
    }
    canister.chunkStore = chunkMap(saved.chunks);
    for (const s of saved.snapshots) {
      const snapshot = storedSnapshot(
        {
          id: new Uint8Array(Buffer.from(s.id, 'hex')),
          takenAt: BigInt(s.takenAt),
          module: await module(s.module),
          wasm: s.module ? wasm(s.module) : undefined,
          stackPointer: s.stackPointer,
          certifiedData: new Uint8Array(Buffer.from(s.certifiedData, 'hex')),
          globalTimer: BigInt(s.globalTimer),
          chunkStore: chunkMap(s.chunks),
        },
        dir,
        s.heap,
        s.stable,
      );
      canister.snapshots.set(s.id, snapshot);
    }
  }
  while (engine.ids.state < BigInt(state.nextCanisterIndex)) engine.ids.next();
  if (state.idleChargedAt) engine.idleChargedAt = BigInt(state.idleChargedAt);
  const files: Record<string, Uint8Array> = {};
  for (const name of state.extras ?? []) files[name] = read(`extra-${name}.bin`);
  return { lastRound: state.lastRound ?? 0, files };
}

function restoreCanister(canister: Canister, saved: SavedCanister): void {
  canister.status = saved.status as Canister['status'];
  canister.settings = JSON.parse(
    JSON.stringify(saved.settings),
    bigintReviver,
  ) as Canister['settings'];
  if ('allowed_viewers' in canister.settings.logVisibility) {
    canister.settings.logVisibility = {
      allowed_viewers: (
        canister.settings.logVisibility.allowed_viewers as unknown as { __principal__: string }[]
      ).map((p) => Principal.fromText(p.__principal__)),
    };
  }
  canister.version = BigInt(saved.version);
  canister.certifiedData = new Uint8Array(Buffer.from(saved.certifiedData, 'hex'));
  canister.globalTimer = BigInt(saved.globalTimer);
  canister.logs = saved.logs.map((l) => ({
    idx: BigInt(l.idx),
    timestampNanos: BigInt(l.time),
    content: l.content,
  }));
  canister.nextLogIndex = BigInt(saved.nextLogIndex);
  canister.nextSnapshotIndex = BigInt(saved.nextSnapshotIndex);
}

function bigintReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { __bigint__: value.toString() };
  if (value instanceof Principal) return { __principal__: value.toText() };
  return value;
}

function bigintReviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '__bigint__' in value)
    return BigInt((value as { __bigint__: string }).__bigint__);
  return value;
}

type SavedCanister = {
  id: string;
  controllers: string[];
  status: string;
  cycles: string;
  settings: unknown;
  version: string;
  certifiedData: string;
  globalTimer: string;
  module: string | null;
  /** One file, or a chain: a full page file, then deltas. */
  heap: string | string[] | null;
  stackPointer: number;
  stable: string | string[];
  logs: { idx: string; time: string; content: string }[];
  nextLogIndex: string;
  nextSnapshotIndex: string;
  chunks: string[];
  snapshots: {
    id: string;
    takenAt: string;
    module: string | null;
    heap: string;
    stackPointer: number;
    stable: string;
    certifiedData: string;
    globalTimer: string;
    chunks: string[];
  }[];
};

interface SavedState {
  format: number;
  time: string;
  nextCanisterIndex: string;
  idleChargedAt?: string;
  lastRound?: number;
  extras?: string[];
  canisters: SavedCanister[];
}
