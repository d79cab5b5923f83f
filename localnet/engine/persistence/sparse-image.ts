import { isZero, pageFileParts, ZERO_PAGE } from './sparse-pages.ts';

const PAGE = 65536;
/** A delta chain is folded into a new full file once it holds this many files… */
const MAX_CHAIN = 32;
/** …or more pages than half the image (and at least this many). */
const MIN_DELTA_BUDGET = 64;

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

/** A file a capture adds to an image's chain; its parts are read when it is written. */
export interface ImageFile {
  readonly name: string;
  parts(): Uint8Array[];
}

/**
 * A copy of a memory's non-zero 64 KiB pages, kept between checkpoints so each checkpoint
 * copies only the pages that changed: the ones the memory says were written (stable memory and
 * the heap's write barrier track their writes). Candidates are compared with memcmp, so a page
 * written back to its old bytes is not a change.
 *
 * On disk an image is a chain of page files: one full file, then deltas holding only the pages
 * changed since the file before. A checkpoint writes one delta and links the rest, so saving a
 * large heap costs what changed, not its size. Long chains are folded into a new full file.
 */
export class SparseImage {
  private readonly pages = new Map<number, Uint8Array>();
  private totalPages = 0;
  /** Pages changed since the chain's last file. */
  private readonly changedSinceFile = new Set<number>();
  private deltaPages = 0;
  /** The files whose overlay is the image, full file first. */
  chain: string[] = [];
  /** Whether the last `update` changed anything (unchanged images are linked, not written). */
  changed = true;
  generation = 0;

  /** An image of what checkpoint files hold (`pages` are owned from now on). */
  static seed(
    totalPages: number,
    pages: ReadonlyMap<number, Uint8Array>,
    generation: number,
    chain: readonly string[] = [],
    deltaPages = 0,
  ): SparseImage {
    const image = new SparseImage();
    image.totalPages = totalPages;
    for (const [page, bytes] of pages) image.pages.set(page, bytes);
    image.generation = generation;
    image.chain = [...chain];
    image.deltaPages = deltaPages;
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
      this.changedSinceFile.add(page);
      changed = true;
    };
    if (candidates === 'all') for (let page = 0; page < total; page++) check(page);
    else for (const page of candidates) check(page);
    this.totalPages = total;
    this.changed = changed;
    if (changed) this.generation++;
  }

  /**
   * Adds the file this capture writes to the chain: a delta of the pages changed since the
   * last file, or a full file when there is no chain yet or the deltas grew too large. Its parts
   * view the image's pages, so they must be written before the next `update`.
   */
  addFile(key: string): ImageFile {
    const budget = Math.max(MIN_DELTA_BUDGET, this.pages.size / 2);
    const asDelta =
      this.chain.length > 0 &&
      this.chain.length < MAX_CHAIN &&
      this.deltaPages + this.changedSinceFile.size <= budget;
    const total = this.totalPages;
    let file: ImageFile;
    if (asDelta) {
      const changed = new Map<number, Uint8Array>();
      for (const page of this.changedSinceFile) {
        if (page < total) changed.set(page, this.pages.get(page) ?? ZERO_PAGE);
      }
      file = {
        name: `${key}-${this.generation}.delta`,
        parts: () => pageFileParts(total, changed),
      };
      this.chain.push(file.name);
      this.deltaPages += changed.size;
    } else {
      file = {
        name: `${key}-${this.generation}.pages`,
        parts: () => pageFileParts(total, this.pages),
      };
      this.chain = [file.name];
      this.deltaPages = 0;
    }
    this.changedSinceFile.clear();
    return file;
  }

  /** The pages the image holds (all others are zero). */
  keptPages(): Iterable<number> {
    return this.pages.keys();
  }

  get storedPages(): number {
    return this.pages.size;
  }
}
