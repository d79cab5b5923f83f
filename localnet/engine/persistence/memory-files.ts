import type { CanisterRuntime } from '../canister-runtime.ts';
import { StableMemory } from '../stable-memory.ts';
import { SparseImage } from './sparse-image.ts';
import { decodePageMap, encodePages } from './sparse-pages.ts';

/** Page images by memory key (`heap-<id>`, `stable-<id>`), kept between checkpoints. */
export type CheckpointImages = Map<string, SparseImage>;

/** The sparse page file of a stable memory: only the pages it holds are read. */
export function encodeStable(memory: StableMemory): Uint8Array {
  const pages = new Map<number, Uint8Array>();
  for (const page of memory.storedPages()) pages.set(page, memory.page(page));
  return encodePages(memory.pages, pages);
}

/**
 * A stable memory from its checkpoint file: sparse (`.pages`, nothing but the stored pages
 * materialised) or raw (`.bin`, older checkpoints). With `seed`, the images learn what the file
 * holds, so the next checkpoint compares only the pages written after the restore.
 */
export function loadStable(name: string, bytes: Uint8Array, seed?: ImageSeed): StableMemory {
  if (!name.endsWith('.pages')) return StableMemory.adopt(bytes);
  const { totalPages, pages } = decodePageMap(bytes);
  const copies = new Map([...pages].map(([page, data]) => [page, data.slice()]));
  const memory = StableMemory.fromPages(totalPages, copies);
  if (seed && seedImage(seed, name, totalPages, pages)) memory.takeWrittenPages();
  return memory;
}

/** Restores a heap from its checkpoint file (`.pages`, or raw `.bin` in older checkpoints). */
export function loadHeap(
  runtime: CanisterRuntime,
  name: string,
  bytes: Uint8Array,
  stackPointer: number,
  seed?: ImageSeed,
): void {
  if (!name.endsWith('.pages')) return runtime.restoreHeap(bytes, stackPointer);
  const { totalPages, pages } = decodePageMap(bytes);
  runtime.restoreHeapPages(totalPages, pages, stackPointer);
  if (seed && seedImage(seed, name, totalPages, pages)) runtime.takeWrittenPages();
}

export interface ImageSeed {
  images: CheckpointImages;
  key: string;
}

function seedImage(
  { images, key }: ImageSeed,
  name: string,
  totalPages: number,
  pages: ReadonlyMap<number, Uint8Array>,
): boolean {
  const generation = /-(\d+)\.pages$/.exec(name);
  if (!name.startsWith(`${key}-`) || !generation) return false;
  images.set(key, SparseImage.seed(totalPages, pages, Number(generation[1])));
  return true;
}
