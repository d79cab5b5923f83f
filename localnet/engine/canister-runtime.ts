import {
  DIRTY_PAGES_EXPORT,
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  MEMORY_PAGES_EXPORT,
  METERING_IMPORT,
  PAGE_DIRTIED_IMPORT,
  RANGE_DIRTIED_IMPORT,
  STACK_POINTER_EXPORT,
  TABLE_EXPORT,
} from '../wasm/instrumentation-names.ts';
import { ErrorCode, RejectCode, RejectError, Trap } from './errors.ts';
import type { Closure } from './execution-context.ts';
import { HeapJournal } from './heap-journal.ts';
import type { PreparedModule } from './prepared-module.ts';
import { createIc0, type SystemApiHost } from './system-api.ts';

export type Entry = { export: string } | { closure: Closure };

export interface InvokeResult {
  instructions: bigint;
  trap?: Trap;
}

const WASM_PAGE = 65536;

/**
 * One instantiated module: its heap, table and globals, and the heap transaction that makes a
 * message all-or-nothing. The transaction is an undo journal of the 4 KiB pages the message
 * wrote (heap-journal.ts), and the logical memory size (the module's memory.size and
 * memory.grow use it), so a rollback also gives back the pages the message grew.
 */
export class CanisterRuntime {
  readonly instance: WebAssembly.Instance;
  readonly memory: WebAssembly.Memory;
  private readonly table: WebAssembly.Table | undefined;
  private readonly stackPointer: WebAssembly.Global | undefined;
  private readonly counter: WebAssembly.Global | undefined;
  private readonly limit: WebAssembly.Global | undefined;
  private readonly pages: WebAssembly.Global | undefined;
  private readonly journal: HeapJournal;
  private savedStackPointer = 0;
  private savedPages = 0;
  private currentLimit = 0n;
  private view: Uint8Array | undefined;

  constructor(
    readonly prepared: PreparedModule,
    host: SystemApiHost,
    canisterText: string,
  ) {
    const ic0 = createIc0(host) as Record<string, unknown>;
    const journal = new HeapJournal(() => this.instance?.exports.memory as WebAssembly.Memory);
    this.journal = journal;
    const imports: WebAssembly.Imports = {
      ic0: {},
      [METERING_IMPORT.module]: {
        [METERING_IMPORT.name]: () => {
          throw new Trap(
            `Canister ${canisterText} exceeded the limit of ${this.currentLimit} instructions for single message execution.`,
            ErrorCode.CanisterInstructionLimitExceeded,
          );
        },
        [PAGE_DIRTIED_IMPORT.name]: journal.pageDirtied,
        [RANGE_DIRTIED_IMPORT.name]: journal.rangeDirtied,
      },
    };
    for (const wanted of prepared.imports) {
      if (wanted.module === 'ic0' && wanted.kind === 'function' && wanted.name in ic0) {
        (imports.ic0 as Record<string, unknown>)[wanted.name] = ic0[wanted.name];
      } else {
        throw new RejectError(
          RejectCode.CanisterError,
          ErrorCode.CanisterInvalidWasm,
          `Wasm module of canister ${canisterText} is not valid: it imports ${wanted.module}.${wanted.name} (${wanted.kind}), which this localnet does not provide.`,
        );
      }
    }
    try {
      this.instance = new WebAssembly.Instance(prepared.module, imports);
    } catch (error) {
      throw new RejectError(
        RejectCode.CanisterError,
        ErrorCode.CanisterInvalidWasm,
        `Wasm module of canister ${canisterText} could not be instantiated: ${(error as Error).message}`,
      );
    }
    const exports = this.instance.exports;
    if (!(exports.memory instanceof WebAssembly.Memory)) {
      throw new RejectError(
        RejectCode.CanisterError,
        ErrorCode.CanisterInvalidWasm,
        `Wasm module of canister ${canisterText} exports no memory.`,
      );
    }
    this.memory = exports.memory;
    this.table = exports[TABLE_EXPORT] as WebAssembly.Table | undefined;
    this.stackPointer = exports[STACK_POINTER_EXPORT] as WebAssembly.Global | undefined;
    this.counter = exports[INSTRUCTIONS_EXPORT] as WebAssembly.Global | undefined;
    this.limit = exports[INSTRUCTION_LIMIT_EXPORT] as WebAssembly.Global | undefined;
    this.pages = exports[MEMORY_PAGES_EXPORT] as WebAssembly.Global | undefined;
    if (this.pages) this.pages.value = this.memory.buffer.byteLength / WASM_PAGE;
    journal.attach(exports[DIRTY_PAGES_EXPORT] as WebAssembly.Table | undefined);
  }

  get metered(): boolean {
    return this.counter !== undefined;
  }

  /** The heap's logical size in bytes (what memory.size tells the module). */
  get heapBytes(): number {
    return this.pages ? (this.pages.value as number) * WASM_PAGE : this.memory.buffer.byteLength;
  }

  /** A view of the heap up to its logical size, refreshed when the buffer or the size changed. */
  heap(): Uint8Array {
    const buffer = this.memory.buffer;
    const length = this.heapBytes;
    if (this.view?.buffer !== buffer || this.view.length !== length)
      this.view = new Uint8Array(buffer, 0, length);
    return this.view;
  }

  /** The host is about to write `[start, start + length)` of the heap (System API copies). */
  willWrite(start: number, length: number): void {
    this.journal.rangeDirtied(start, length);
  }

  /** 4 KiB pages saved for rollback in the current message. */
  get journaledPages(): number {
    return this.journal.savedPageCount;
  }

  hasExport(name: string): boolean {
    return typeof this.instance.exports[name] === 'function';
  }

  instructionsSoFar(): bigint {
    return this.counter ? (this.counter.value as bigint) : 0n;
  }

  /** Starts a message: whatever was journaled before (install hooks) is kept. */
  begin(): void {
    this.journal.commit();
    this.savedStackPointer = this.stackPointer ? (this.stackPointer.value as number) : 0;
    this.savedPages = this.pages ? (this.pages.value as number) : 0;
    if (!this.journal.tracking) this.journal.saveAll();
  }

  commit(): void {
    this.journal.commit();
  }

  /** Undoes the message: the pages it wrote, its memory growth and the stack pointer. */
  rollback(): void {
    this.journal.rollback();
    if (this.stackPointer) this.stackPointer.value = this.savedStackPointer;
    if (this.pages) this.pages.value = this.savedPages;
  }

  invoke(entry: Entry, instructionLimit: bigint): InvokeResult {
    this.currentLimit = instructionLimit;
    if (this.counter) this.counter.value = 0n;
    if (this.limit) this.limit.value = instructionLimit;
    try {
      if ('export' in entry) {
        (this.instance.exports[entry.export] as () => void)();
      } else {
        const fun =
          this.table && entry.closure.fun < this.table.length
            ? this.table.get(entry.closure.fun)
            : null;
        if (typeof fun !== 'function')
          throw new Trap(`callback table index ${entry.closure.fun} is not a function`);
        (fun as (env: number) => void)(entry.closure.env);
      }
      return { instructions: this.instructionsSoFar() };
    } catch (error) {
      return { instructions: this.instructionsSoFar(), trap: asTrap(error) };
    }
  }

  /** The heap and the stack pointer, for snapshots and checkpoints. */
  captureHeap(): { heap: Uint8Array; stackPointer: number } {
    return {
      heap: this.heap().slice(),
      stackPointer: this.stackPointer ? (this.stackPointer.value as number) : 0,
    };
  }

  /** The stack pointer alone, for checkpoints that read the heap in place. */
  captureStackPointer(): number {
    return this.stackPointer ? (this.stackPointer.value as number) : 0;
  }

  restoreHeap(heap: Uint8Array, stackPointer: number): void {
    const pages = Math.ceil(heap.length / WASM_PAGE);
    const view = this.resizeHeap(pages);
    view.set(heap);
    view.fill(0, heap.length);
    this.finishRestore(pages, stackPointer);
  }

  /** Restores a heap of `totalPages` from its non-zero 64 KiB pages (sparse checkpoint files). */
  restoreHeapPages(
    totalPages: number,
    pages: ReadonlyMap<number, Uint8Array>,
    stackPointer: number,
  ): void {
    const view = this.resizeHeap(totalPages);
    for (let page = 0; page * WASM_PAGE < view.length; page++) {
      const bytes = pages.get(page);
      if (bytes) view.set(bytes, page * WASM_PAGE);
      else view.fill(0, page * WASM_PAGE, (page + 1) * WASM_PAGE);
    }
    this.finishRestore(totalPages, stackPointer);
  }

  /** Heap pages written since the previous call ('all': compare every page), for checkpoints. */
  takeWrittenPages(): Set<number> | 'all' {
    return this.journal.takeWrittenPages();
  }

  private resizeHeap(pages: number): Uint8Array {
    const missing = pages - this.memory.buffer.byteLength / WASM_PAGE;
    if (missing > 0) this.memory.grow(missing);
    return new Uint8Array(this.memory.buffer);
  }

  private finishRestore(pages: number, stackPointer: number): void {
    if (this.stackPointer) this.stackPointer.value = stackPointer;
    if (this.pages) this.pages.value = pages;
    this.journal.commit();
    this.journal.markAllWritten();
  }
}

function asTrap(error: unknown): Trap {
  if (error instanceof Trap) return error;
  if (error instanceof RangeError) return new Trap(`stack overflow (${error.message})`);
  if (error instanceof WebAssembly.RuntimeError) return new Trap(error.message);
  return new Trap(error instanceof Error ? error.message : String(error));
}
