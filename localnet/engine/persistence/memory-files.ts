import type { CanisterRuntime } from '../canister-runtime.ts';
import { StableMemory } from '../stable-memory.ts';
import { SparseImage } from './sparse-image.ts';
import { encodePages, overlayPageFiles } from './sparse-pages.ts';

/** Page images by memory key (`heap-<id>`, `stable-<id>`), kept between checkpoints. */
export type CheckpointImages = Map<string, SparseImage>;

/** The sparse page file of a stable memory: only the pages it holds are read. */
export function encodeStable(memory: StableMemory): Uint8Array {
  const pages = new Map<number, Uint8Array>();
  for (const page of memory.storedPages()) pages.set(page, memory.page(page));
  return encodePages(memory.pages, pages);
}

/**
 * A stable memory from its checkpoint files: a chain of sparse page files (`.pages`, then
 * `.delta`s; nothing but the stored pages materialised) or one raw `.bin` (older checkpoints).
 * With `seed`, the images learn what the files hold, so the next checkpoint compares only the
 * pages written after the restore and extends the same chain.
 */
export function loadStable(
  names: readonly string[],
  files: readonly Uint8Array[],
  seed?: ImageSeed,
): StableMemory {
  if (!names[0]!.endsWith('.pages')) return StableMemory.adopt(files[0]!);
  const overlay = overlayPageFiles(files);
  const copies = new Map([...overlay.pages].map(([page, data]) => [page, data.slice()]));
  const memory = StableMemory.fromPages(overlay.totalPages, copies);
  if (seed && seedImage(seed, names, overlay)) memory.takeWrittenPages();
  return memory;
}

/** Restores a heap from its checkpoint files (a `.pages` chain, or one raw `.bin` in older checkpoints). */
export function loadHeap(
  runtime: CanisterRuntime,
  names: readonly string[],
  files: readonly Uint8Array[],
  stackPointer: number,
  seed?: ImageSeed,
): void {
  if (!names[0]!.endsWith('.pages')) return runtime.restoreHeap(files[0]!, stackPointer);
  const overlay = overlayPageFiles(files);
  runtime.restoreHeapPages(overlay.totalPages, overlay.pages, stackPointer);
  if (seed && seedImage(seed, names, overlay)) runtime.takeWrittenPages();
}

export interface ImageSeed {
  images: CheckpointImages;
  key: string;
}

function seedImage(
  { images, key }: ImageSeed,
  names: readonly string[],
  overlay: ReturnType<typeof overlayPageFiles>,
): boolean {
  const generation = /-(\d+)\.(pages|delta)$/.exec(names.at(-1)!);
  if (!names.every((name) => name.startsWith(`${key}-`)) || !generation) return false;
  images.set(
    key,
    SparseImage.seed(
      overlay.totalPages,
      overlay.pages,
      Number(generation[1]),
      names,
      overlay.deltaPages,
    ),
  );
  return true;
}
