import { Trap } from './errors.ts';

export const WASM_PAGE = 65536;
const JOURNAL_PAGE = 4096;
/** Largest stable memory this host can hold in one typed array. */
export const MAX_STABLE_PAGES = 65535;

/**
 * A canister's stable memory. Writes inside a transaction save the 4 KiB pages they are about
 * to change (an undo journal), so a rollback costs what was written, not the whole memory.
 */
export class StableMemory {
  private bytes: Uint8Array;
  private pageCount: number;
  private journal: Map<number, Uint8Array> | undefined;
  private pagesAtBegin = 0;
  /** Hook for incremental checkpoints: 64 KiB pages written since the last `takeWrittenPages`. */
  private written = new Set<number>();

  constructor(initial?: Uint8Array) {
    this.pageCount = initial ? Math.ceil(initial.length / WASM_PAGE) : 0;
    this.bytes = new Uint8Array(this.pageCount * WASM_PAGE);
    if (initial) this.bytes.set(initial);
  }

  /** Takes `bytes` (a whole number of pages) as the memory without copying (restores). */
  static adopt(bytes: Uint8Array): StableMemory {
    if (bytes.length % WASM_PAGE !== 0) return new StableMemory(bytes);
    const memory = new StableMemory();
    memory.bytes = bytes;
    memory.pageCount = bytes.length / WASM_PAGE;
    return memory;
  }

  /** The pages written (or rolled back) since the previous call; all pages on the first call. */
  takeWrittenPages(): Set<number> | 'all' {
    if (this.everything) {
      this.everything = false;
      this.written.clear();
      return 'all';
    }
    const pages = this.written;
    this.written = new Set();
    return pages;
  }

  private everything = true;

  /** The live bytes of one 64 KiB page (for checkpoints; do not keep). */
  page(index: number): Uint8Array {
    return this.bytes.subarray(index * WASM_PAGE, (index + 1) * WASM_PAGE);
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
    const needed = (old + newPages) * WASM_PAGE;
    if (needed > this.bytes.length) {
      const bigger = new Uint8Array(
        Math.min(Math.max(needed, this.bytes.length * 2), MAX_STABLE_PAGES * WASM_PAGE),
      );
      bigger.set(this.bytes.subarray(0, this.size));
      this.bytes = bigger;
    }
    this.pageCount = old + newPages;
    return old;
  }

  write(offset: number, data: Uint8Array): void {
    this.checkRange(offset, data.length, 'stable64_write');
    if (this.journal) this.remember(offset, data.length);
    this.bytes.set(data, offset);
    const last = Math.floor((offset + Math.max(data.length, 1) - 1) / WASM_PAGE);
    for (let page = Math.floor(offset / WASM_PAGE); page <= last; page++) this.written.add(page);
  }

  read(offset: number, size: number): Uint8Array {
    this.checkRange(offset, size, 'stable64_read');
    return this.bytes.subarray(offset, offset + size);
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
    for (const [page, saved] of this.journal) {
      this.bytes.set(saved, page * JOURNAL_PAGE);
      this.written.add(Math.floor((page * JOURNAL_PAGE) / WASM_PAGE));
    }
    if (this.pageCount > this.pagesAtBegin) {
      this.bytes.fill(0, this.pagesAtBegin * WASM_PAGE, this.pageCount * WASM_PAGE);
      this.pageCount = this.pagesAtBegin;
    }
    this.journal = undefined;
  }

  /** A copy of the used bytes, for snapshots and checkpoints. */
  copy(): Uint8Array {
    return this.bytes.slice(0, this.size);
  }

  private remember(offset: number, size: number): void {
    const journal = this.journal!;
    const limit = this.pagesAtBegin * WASM_PAGE;
    const last = Math.min(offset + size, limit);
    for (let page = Math.floor(offset / JOURNAL_PAGE); page * JOURNAL_PAGE < last; page++) {
      if (!journal.has(page))
        journal.set(page, this.bytes.slice(page * JOURNAL_PAGE, (page + 1) * JOURNAL_PAGE));
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
