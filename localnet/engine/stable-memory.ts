import { Trap } from './errors.ts';

export const WASM_PAGE = 65536;
const JOURNAL_PAGE = 4096;
/** Largest stable memory this host accepts (as when it was one typed array). */
export const MAX_STABLE_PAGES = 65535;
const ZERO_PAGE = new Uint8Array(WASM_PAGE);

/**
 * A canister's stable memory, held sparsely: only the 64 KiB pages ever written exist; the
 * others read as zeros. Azle's memory manager grows stable memory by hundreds of MiB it never
 * writes, so growing, restoring and snapshotting cost the data, not the size.
 *
 * Writes inside a transaction save the 4 KiB pages they are about to change (an undo journal),
 * so a rollback costs what was written, not the whole memory.
 */
export class StableMemory {
  private readonly store = new Map<number, Uint8Array>();
  private pageCount = 0;
  private journal: Map<number, Uint8Array> | undefined;
  private pagesAtBegin = 0;
  /** Hook for incremental checkpoints: 64 KiB pages written since the last `takeWrittenPages`. */
  private written = new Set<number>();
  private everything = true;

  /** A memory holding `initial` (a copy; zero pages are not kept). */
  constructor(initial?: Uint8Array) {
    if (!initial) return;
    this.pageCount = Math.ceil(initial.length / WASM_PAGE);
    for (let page = 0; page < this.pageCount; page++) {
      const bytes = initial.subarray(page * WASM_PAGE, (page + 1) * WASM_PAGE);
      if (bytes.some((byte) => byte !== 0)) this.materialise(page).set(bytes);
    }
  }

  /** Takes `pages` (index → 64 KiB, owned from now on) as a memory of `totalPages` pages. */
  static fromPages(totalPages: number, pages: ReadonlyMap<number, Uint8Array>): StableMemory {
    const memory = new StableMemory();
    memory.pageCount = totalPages;
    for (const [page, bytes] of pages) if (page < totalPages) memory.store.set(page, bytes);
    return memory;
  }

  /** Takes `bytes` as the memory (restores of raw stable memory files). */
  static adopt(bytes: Uint8Array): StableMemory {
    return new StableMemory(bytes);
  }

  /**
   * The pages written (or rolled back) since the previous call; on the first call every page
   * that holds data, with `all` set (the caller had no earlier image of this memory).
   */
  takeWrittenPages(): Set<number> | 'all' {
    const pages = this.written;
    this.written = new Set();
    if (!this.everything) return pages;
    this.everything = false;
    return 'all';
  }

  /** The pages that may hold data (every other page is zero). */
  storedPages(): Iterable<number> {
    return this.store.keys();
  }

  /** The live bytes of one 64 KiB page (for checkpoints; do not keep or modify). */
  page(index: number): Uint8Array {
    return this.store.get(index) ?? ZERO_PAGE;
  }

  /** A copy that shares nothing with this memory (snapshots). */
  clone(): StableMemory {
    const pages = new Map<number, Uint8Array>();
    for (const [page, bytes] of this.store) pages.set(page, bytes.slice());
    return StableMemory.fromPages(this.pageCount, pages);
  }

  get pages(): number {
    return this.pageCount;
  }

  get size(): number {
    return this.pageCount * WASM_PAGE;
  }

  /** Returns the old page count, or -1 when the memory cannot grow that far. */
  grow(newPages: number): number {
    const old = this.pageCount;
    if (newPages < 0 || old + newPages > MAX_STABLE_PAGES) return -1;
    this.pageCount = old + newPages;
    return old;
  }

  write(offset: number, data: Uint8Array): void {
    this.checkRange(offset, data.length, 'stable64_write');
    if (this.journal) this.remember(offset, data.length);
    this.copyIn(offset, data);
  }

  /** The bytes at `offset`: a view of live memory when they lie in one page (do not modify). */
  read(offset: number, size: number): Uint8Array {
    this.checkRange(offset, size, 'stable64_read');
    const first = Math.floor(offset / WASM_PAGE);
    const within = offset - first * WASM_PAGE;
    if (within + size <= WASM_PAGE) return this.page(first).subarray(within, within + size);
    const out = new Uint8Array(size);
    for (let done = 0; done < size;) {
      const at = offset + done;
      const page = Math.floor(at / WASM_PAGE);
      const start = at - page * WASM_PAGE;
      const length = Math.min(WASM_PAGE - start, size - done);
      const bytes = this.store.get(page);
      if (bytes) out.set(bytes.subarray(start, start + length), done);
      done += length;
    }
    return out;
  }

  begin(): void {
    this.journal = new Map();
    this.pagesAtBegin = this.pageCount;
  }

  commit(): void {
    this.journal = undefined;
  }

  rollback(): void {
    if (!this.journal) return;
    const journal = this.journal;
    this.journal = undefined;
    for (const [page, saved] of journal) this.copyIn(page * JOURNAL_PAGE, saved);
    if (this.pageCount > this.pagesAtBegin) {
      for (const page of this.store.keys()) {
        if (page >= this.pagesAtBegin) {
          this.store.delete(page);
          this.written.add(page);
        }
      }
      this.pageCount = this.pagesAtBegin;
    }
  }

  /** A dense copy of the whole memory (tests, `getStableMemory`). */
  copy(): Uint8Array {
    const out = new Uint8Array(this.size);
    for (const [page, bytes] of this.store) out.set(bytes, page * WASM_PAGE);
    return out;
  }

  private copyIn(offset: number, data: Uint8Array): void {
    for (let done = 0; done < data.length;) {
      const at = offset + done;
      const page = Math.floor(at / WASM_PAGE);
      const start = at - page * WASM_PAGE;
      const length = Math.min(WASM_PAGE - start, data.length - done);
      this.materialise(page).set(data.subarray(done, done + length), start);
      this.written.add(page);
      done += length;
    }
  }

  private materialise(page: number): Uint8Array {
    let bytes = this.store.get(page);
    if (!bytes) this.store.set(page, (bytes = new Uint8Array(WASM_PAGE)));
    return bytes;
  }

  private remember(offset: number, size: number): void {
    const journal = this.journal!;
    const last = Math.min(offset + size, this.pagesAtBegin * WASM_PAGE);
    for (let page = Math.floor(offset / JOURNAL_PAGE); page * JOURNAL_PAGE < last; page++) {
      if (!journal.has(page))
        journal.set(page, this.read(page * JOURNAL_PAGE, JOURNAL_PAGE).slice());
    }
  }

  private checkRange(offset: number, size: number, name: string): void {
    if (offset + size > this.size) {
      throw new Trap(
        `${name}: out of bounds (offset ${offset}, size ${size}, stable memory ${this.size} bytes)`,
      );
    }
  }
}
