import type { Canister, PendingRuntime } from '../canister.ts';
import { CanisterRuntime } from '../canister-runtime.ts';
import type { PreparedModule } from '../prepared-module.ts';
import { checkpointMemoryBytes, readCheckpointFile } from './checkpoint-files.ts';
import { loadHeap, type ImageSeed } from './memory-files.ts';

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
  // The chain's last file has the heap's current size.
  const heapBytes = checkpointMemoryBytes(dir, heapFiles.at(-1)!);
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
