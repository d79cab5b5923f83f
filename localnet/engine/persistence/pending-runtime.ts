import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

import type { Canister, PendingRuntime } from '../canister.ts';
import { CanisterRuntime } from '../canister-runtime.ts';
import type { PreparedModule } from '../prepared-module.ts';
import { loadHeap, type ImageSeed } from './memory-files.ts';
import { pageFileTotalPages } from './sparse-pages.ts';

const WASM_PAGE = 65536;
const HEADER_BYTES = 12;

/**
 * A restored canister's heap, instantiated on its first message rather than at start: a
 * restart reads and copies only the heaps that are used. The heap's files are opened now and
 * read through their descriptors, so checkpoints taken meanwhile (which link the same files
 * into a new folder) cannot pull them away.
 */
export function pendingRuntime(
  canister: Canister,
  prepared: PreparedModule,
  blobsDir: string,
  heapFiles: readonly string[],
  stackPointer: number,
  seed: ImageSeed | undefined,
): PendingRuntime {
  const descriptors = heapFiles.map((name) => openSync(join(blobsDir, name), 'r'));
  let open = true;
  const close = () => {
    if (open) for (const descriptor of descriptors) closeSync(descriptor);
    open = false;
  };
  const last = descriptors.at(-1)!;
  // Older checkpoints hold a heap raw (`.bin`); page files name the memory's size in their header.
  const heapBytes = heapFiles[0]!.endsWith('.bin')
    ? Math.ceil(fstatSync(last).size / WASM_PAGE) * WASM_PAGE
    : pageFileTotalPages(readHeader(last)) * WASM_PAGE;
  return {
    prepared,
    heapBytes,
    heapFiles,
    stackPointer,
    fileBytes: (name) => readWhole(descriptors[heapFiles.indexOf(name)]!),
    load() {
      const runtime = new CanisterRuntime(prepared, canister, canister.idText);
      loadHeap(runtime, heapFiles, descriptors.map(readWhole), stackPointer, seed);
      close();
      return runtime;
    },
    discard: close,
  };
}

function readHeader(descriptor: number): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  readSync(descriptor, header, 0, HEADER_BYTES, 0);
  return header;
}

/** A whole file through its descriptor (from offset 0, whatever was read before). */
export function readWhole(descriptor: number): Uint8Array {
  const bytes = new Uint8Array(fstatSync(descriptor).size);
  for (let at = 0; at < bytes.length;) {
    const read = readSync(descriptor, bytes, at, bytes.length - at, at);
    if (read === 0) throw new Error('LOCALNET_STATE_TRUNCATED: a checkpoint file ended early');
    at += read;
  }
  return bytes;
}
