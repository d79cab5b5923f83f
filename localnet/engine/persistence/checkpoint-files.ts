import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { PAGE_FILE_HEADER_BYTES, pageFileTotalPages } from './sparse-pages.ts';

const WASM_PAGE = 65536;

/** Where `writeCheckpoint` builds the next checkpoint before swapping it in. */
export function writingFolder(dir: string): string {
  return `${dir}.writing-${process.pid}`;
}

/** Where the replaced checkpoint waits during the swap, until it is deleted. */
export function previousFolder(dir: string): string {
  return `${dir}.previous-${process.pid}`;
}

/**
 * A file of the checkpoint in `dir`, for memories restored lazily. A file a later checkpoint
 * still links keeps its name, and during a folder swap it is in the folder being written or in
 * the one being replaced, so one of the three paths always holds it.
 */
export function checkpointFilePath(dir: string, name: string): string {
  for (const folder of [dir, writingFolder(dir), previousFolder(dir)]) {
    const path = join(folder, 'blobs', name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `LOCALNET_STATE_MISSING_FILE: blobs/${name} of the checkpoint in ${dir} is gone; it was restored lazily and must stay until used`,
  );
}

export function readCheckpointFile(dir: string, name: string): Uint8Array {
  const bytes = readFileSync(checkpointFilePath(dir, name));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The size in bytes of the memory a checkpoint file holds, read without loading it: a page
 * file's header names its page count; an older raw `.bin` is the memory itself.
 */
export function checkpointMemoryBytes(dir: string, name: string): number {
  const path = checkpointFilePath(dir, name);
  if (name.endsWith('.bin')) return Math.ceil(statSync(path).size / WASM_PAGE) * WASM_PAGE;
  const file = openSync(path, 'r');
  try {
    const header = new Uint8Array(PAGE_FILE_HEADER_BYTES);
    readSync(file, header, 0, header.length, 0);
    return pageFileTotalPages(header) * WASM_PAGE;
  } finally {
    closeSync(file);
  }
}
