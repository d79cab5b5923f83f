import { statSync } from 'node:fs';

import type { Canister, PendingRuntime } from '../canister.ts';
import { CanisterRuntime } from '../canister-runtime.ts';
import type { PreparedModule } from '../prepared-module.ts';
import {
  checkpointFilePath,
  readCheckpointFile,
  readCheckpointHeader,
} from './checkpoint-files.ts';
import { loadHeap, type ImageSeed } from './memory-files.ts';
import { pageFileTotalPages } from './sparse-pages.ts';

const WASM_PAGE = 65536;
const HEADER_BYTES = 12;

/**
 * A restored canister's heap, instantiated on its first message rather than at start: a
 * restart reads and copies only the heaps that are used. Until then every checkpoint links
 * the same files again (their names hold the canister id and generation, never a position),
 * so they stay readable in the checkpoint folder `dir`.
 */
export function pendingRuntime(
  canister: Canister,
  prepared: PreparedModule,
  dir: string,
  heapFiles: readonly string[],
  stackPointer: number,
  seed: ImageSeed | undefined,
): PendingRuntime {
  const last = heapFiles.at(-1)!;
  // Older checkpoints hold a heap raw (`.bin`); page files name the memory's size in their header.
  const heapBytes = last.endsWith('.bin')
    ? Math.ceil(statSync(checkpointFilePath(dir, last)).size / WASM_PAGE) * WASM_PAGE
    : pageFileTotalPages(readCheckpointHeader(dir, last, HEADER_BYTES)) * WASM_PAGE;
  return {
    prepared,
    heapBytes,
    heapFiles,
    stackPointer,
    fileBytes: (name) => readCheckpointFile(dir, name),
    load() {
      const runtime = new CanisterRuntime(prepared, canister, canister.idText);
      const files = heapFiles.map((name) => readCheckpointFile(dir, name));
      loadHeap(runtime, heapFiles, files, stackPointer, seed);
      return runtime;
    },
  };
}
