import { encodePages, isZero } from './sparse-pages.ts';

const PAGE = 65536;

/** A memory as checkpoints see it: its size in 64 KiB pages and a way to read one page. */
export interface PagedMemory {
  readonly totalPages: number;
  page(index: number): Uint8Array;
}

/** A Uint8Array seen as pages (Wasm heaps). */
export function pagedBytes(memory: Uint8Array): PagedMemory {
  return {
    totalPages: Math.ceil(memory.length / PAGE),
    page: (index) => memory.subarray(index * PAGE, (index + 1) * PAGE),
  };
}

/**
 * A copy of a memory's non-zero 64 KiB pages, kept between checkpoints so each checkpoint
 * copies only the pages that changed: the ones the memory says were written (stable memory and
 * the heap's write barrier track their writes). Candidates are compared with memcmp, so a page
 * written back to its old bytes is not a change.
 */
export class SparseImage {
  private readonly pages = new Map<number, Uint8Array>();
  private totalPages = 0;
  /** Whether the last `update` changed anything (unchanged images are linked, not written). */
  changed = true;
  generation = 0;

  /** An image of what a checkpoint file holds (`pages` are owned from now on). */
  static seed(
    totalPages: number,
    pages: ReadonlyMap<number, Uint8Array>,
    generation: number,
  ): SparseImage {
    const image = new SparseImage();
    image.totalPages = totalPages;
    for (const [page, bytes] of pages) image.pages.set(page, bytes);
    image.generation = generation;
    image.changed = false;
    return image;
  }

  /** `candidates`: pages that may differ from the image; with 'all', the image's own pages too. */
  update(memory: PagedMemory, candidates: Iterable<number> | 'all'): void {
    const total = memory.totalPages;
    let changed = total !== this.totalPages;
    for (const page of this.pages.keys()) {
      if (page >= total) {
        this.pages.delete(page);
        changed = true;
      }
    }
    const check = (page: number) => {
      if (page >= total) return;
      const live = memory.page(page);
      const kept = this.pages.get(page);
      if (kept && Buffer.from(kept.buffer, kept.byteOffset, kept.length).equals(live)) return;
      if (isZero(live)) {
        if (kept) this.pages.delete(page);
        else return;
      } else if (kept) kept.set(live);
      else this.pages.set(page, live.slice());
      changed = true;
    };
    if (candidates === 'all') for (let page = 0; page < total; page++) check(page);
    else for (const page of candidates) check(page);
    this.totalPages = total;
    this.changed = changed;
    if (changed) this.generation++;
  }

  /** The sparse page file (`.pages`) of the image. */
  encode(): Uint8Array {
    return encodePages(this.totalPages, this.pages);
  }

  /** The pages the image holds (all others are zero). */
  keptPages(): Iterable<number> {
    return this.pages.keys();
  }

  get storedPages(): number {
    return this.pages.size;
  }
}
