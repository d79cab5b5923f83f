import { statSync } from 'node:fs';

import type { CanisterSnapshot } from '../canister.ts';
import type { PreparedModule } from '../prepared-module.ts';
import type { StableMemory } from '../stable-memory.ts';
import {
  checkpointFilePath,
  checkpointMemoryBytes,
  readCheckpointFile,
} from './checkpoint-files.ts';
import { loadStable } from './memory-files.ts';

/** What a checkpoint holds of a snapshot besides its memories. */
export interface StoredSnapshotFields {
  id: Uint8Array;
  takenAt: bigint;
  module: PreparedModule | undefined;
  wasm: Uint8Array | undefined;
  stackPointer: number;
  certifiedData: Uint8Array;
  globalTimer: bigint;
  chunkStore: Map<string, Uint8Array>;
}

/**
 * A snapshot restored from a checkpoint whose heap and stable memory are read on first use:
 * snapshots are loaded rarely, and reading them all made every start read about a third more.
 * Checkpoints link its files under the same names; one that names them differently reads them
 * first (while the old names still exist), and from then on they are held in memory.
 */
export function storedSnapshot(
  fields: StoredSnapshotFields,
  dir: string,
  heapFile: string,
  stableFile: string,
): CanisterSnapshot {
  // A snapshot's heap is stored raw, as it was taken.
  const heapBytes = statSync(checkpointFilePath(dir, heapFile)).size;
  const stableBytes = checkpointMemoryBytes(dir, stableFile);
  let heap: Uint8Array | undefined;
  let stable: StableMemory | undefined;
  return {
    ...fields,
    size: BigInt(heapBytes + stableBytes + (fields.wasm?.length ?? 0)),
    get heap() {
      heap ??= readCheckpointFile(dir, heapFile);
      return heap;
    },
    get stable() {
      stable ??= loadStable([stableFile], [readCheckpointFile(dir, stableFile)]);
      return stable;
    },
  };
}
