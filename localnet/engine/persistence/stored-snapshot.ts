import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

import type { CanisterSnapshot } from '../canister.ts';
import type { PreparedModule } from '../prepared-module.ts';
import type { StableMemory } from '../stable-memory.ts';
import { loadStable } from './memory-files.ts';
import { readWhole } from './pending-runtime.ts';
import { pageFileTotalPages } from './sparse-pages.ts';

const WASM_PAGE = 65536;

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
 * The files are opened at once and read through their descriptors, so a later checkpoint that
 * renames or drops them (snapshot files are never written in place) cannot pull them away.
 */
export function storedSnapshot(
  fields: StoredSnapshotFields,
  heapPath: string,
  stablePath: string,
): CanisterSnapshot {
  const heapFile = openSync(heapPath, 'r');
  const stableFile = openSync(stablePath, 'r');
  const heapBytes = fstatSync(heapFile).size;
  // Older checkpoints hold a snapshot's stable memory raw (`.bin`), newer ones as page files.
  const raw = stablePath.endsWith('.bin');
  const stableBytes = raw ? fstatSync(stableFile).size : stablePages(stableFile) * WASM_PAGE;
  let heap: Uint8Array | undefined;
  let stable: StableMemory | undefined;
  const release = () => {
    if (heap && stable) {
      closeSync(heapFile);
      closeSync(stableFile);
    }
  };
  return {
    ...fields,
    size: BigInt(heapBytes + stableBytes + (fields.wasm?.length ?? 0)),
    get heap() {
      if (!heap) {
        heap = readWhole(heapFile);
        release();
      }
      return heap;
    },
    get stable() {
      if (!stable) {
        stable = loadStable([raw ? 'stable.bin' : 'stable.pages'], [readWhole(stableFile)]);
        release();
      }
      return stable;
    },
  };
}

function stablePages(file: number): number {
  const header = new Uint8Array(12);
  readSync(file, header, 0, header.length, 0);
  return pageFileTotalPages(header);
}
