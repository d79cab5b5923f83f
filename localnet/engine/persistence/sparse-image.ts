import { encodePages, isZero } from './sparse-pages.ts';

const PAGE = 65536;

/**
 * A copy of a memory's non-zero 64 KiB pages, kept between checkpoints so each checkpoint
 * copies only the pages that changed: the ones the memory says were written (stable memory
 * tracks its writes), or, for a Wasm heap, the ones that differ (compared with memcmp).
 */
export class SparseImage {
  private readonly pages = new Map<number, Uint8Array>();
  private totalPages = 0;
  /** Whether the last `update` changed anything (unchanged images are linked, not written). */
  changed = true;
  generation = 0;

  update(memory: Uint8Array, candidates: Iterable<number> | 'all'): void {
    const total = Math.ceil(memory.length / PAGE);
    let changed = total !== this.totalPages;
    for (const page of this.pages.keys()) {
      if (page >= total) {
        this.pages.delete(page);
        changed = true;
      }
    }
    const check = (page: number) => {
      if (page >= total) return;
      const live = memory.subarray(page * PAGE, (page + 1) * PAGE);
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

  get storedPages(): number {
    return this.pages.size;
  }
}
