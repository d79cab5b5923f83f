import { DIRTY_PAGE_SHIFT } from '../wasm/write-tracking.ts';

const PAGE = 1 << DIRTY_PAGE_SHIFT;
const MARK = 1;
/** Checkpoints keep 64 KiB (Wasm) pages; the journal saves 4 KiB ones. */
const TO_WASM_PAGE = 16 - DIRTY_PAGE_SHIFT;

/**
 * The undo journal of a Wasm heap: before the first write to a 4 KiB page in a message, the
 * page is saved here, so a rollback restores only what the message wrote and a commit just
 * forgets the saved pages.
 *
 * The rewritten module's write barrier calls `pageDirtied(p)` when the dirty-page table says p
 * was not saved yet; it saves p and p + 1 (a store may cross into the next page) and marks p in
 * the table, so later stores to p stay inside Wasm. Bulk writes and the host's own writes call
 * `rangeDirtied`. A module without the barrier saves the whole heap at the start of a message.
 */
export class HeapJournal {
  private table: WebAssembly.Table | undefined;
  private saved = new Uint8Array(16 * PAGE);
  private readonly savedPages: number[] = [];
  private readonly tablePages: number[] = [];
  private marked = new Uint8Array(0);
  /** 64 KiB pages saved since the last `takeWrittenPages` (incremental checkpoints). */
  private written = new Set<number>();
  private everything = true;

  constructor(private readonly memory: () => WebAssembly.Memory | undefined) {}

  attach(table: WebAssembly.Table | undefined): void {
    this.table = table;
  }

  get tracking(): boolean {
    return this.table !== undefined;
  }

  /** Pages saved in the current message (a benchmark and test figure). */
  get savedPageCount(): number {
    return this.savedPages.length;
  }

  readonly pageDirtied = (page: number): void => {
    page >>>= 0;
    this.save(page);
    this.save(page + 1);
    this.table?.set(page, MARK);
    this.tablePages.push(page);
  };

  readonly rangeDirtied = (start: number, length: number): void => {
    start >>>= 0;
    length >>>= 0;
    if (length === 0) return;
    const last = Math.min(start + length, this.memoryBytes()) - 1;
    for (let page = start >>> DIRTY_PAGE_SHIFT; page * PAGE <= last; page++) this.save(page);
  };

  /** Saves every page (modules without a write barrier). */
  saveAll(): void {
    this.rangeDirtied(0, this.memoryBytes());
  }

  /**
   * The 64 KiB pages written since the previous call, or 'all' on the first call and after
   * `markAllWritten` (the heap was written around the journal: instantiation, a restore).
   */
  takeWrittenPages(): Set<number> | 'all' {
    const pages = this.written;
    this.written = new Set();
    if (!this.everything) return pages;
    this.everything = false;
    return 'all';
  }

  markAllWritten(): void {
    this.everything = true;
  }

  commit(): void {
    const table = this.table;
    if (table) for (const page of this.tablePages) table.set(page, null);
    for (const page of this.savedPages) this.marked[page] = 0;
    this.tablePages.length = 0;
    this.savedPages.length = 0;
  }

  rollback(): void {
    const memory = this.memory();
    if (memory) {
      const heap = new Uint8Array(memory.buffer);
      this.savedPages.forEach((page, i) =>
        heap.set(this.saved.subarray(i * PAGE, (i + 1) * PAGE), page * PAGE),
      );
    }
    this.commit();
  }

  private memoryBytes(): number {
    return this.memory()?.buffer.byteLength ?? 0;
  }

  private save(page: number): void {
    if (page < this.marked.length && this.marked[page] === 1) return;
    const buffer = this.memory()?.buffer;
    if (!buffer || page * PAGE >= buffer.byteLength) return;
    if (page >= this.marked.length) this.growMarks(page);
    this.marked[page] = 1;
    this.written.add(page >>> TO_WASM_PAGE);
    const slot = this.savedPages.length * PAGE;
    if (slot + PAGE > this.saved.length) this.growSaved(slot + PAGE);
    this.saved.set(new Uint8Array(buffer, page * PAGE, PAGE), slot);
    this.savedPages.push(page);
  }

  private growMarks(page: number): void {
    const bigger = new Uint8Array(Math.max(page + 2, this.marked.length * 2));
    bigger.set(this.marked);
    this.marked = bigger;
  }

  private growSaved(needed: number): void {
    const bigger = new Uint8Array(Math.max(needed, this.saved.length * 2));
    bigger.set(this.saved.subarray(0, this.savedPages.length * PAGE));
    this.saved = bigger;
  }
}
