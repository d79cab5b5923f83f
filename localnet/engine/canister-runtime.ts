import {
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  METERING_IMPORT,
  STACK_POINTER_EXPORT,
  TABLE_EXPORT,
} from '../wasm/instrumentation-names.ts';
import { ErrorCode, RejectCode, RejectError, Trap } from './errors.ts';
import type { Closure } from './execution-context.ts';
import type { PreparedModule } from './prepared-module.ts';
import { createIc0, type SystemApiHost } from './system-api.ts';

export type Entry = { export: string } | { closure: Closure };

export interface InvokeResult {
  instructions: bigint;
  trap?: Trap;
}

/**
 * One instantiated module: its heap, table and globals, and the heap transaction that makes a
 * message all-or-nothing. A pristine copy of the heap stays valid after a rollback, so each
 * message costs one heap copy (before an update, after a query or trap), and that copy is
 * deferred to the next event-loop turn when nothing else is waiting.
 */
export class CanisterRuntime {
  readonly instance: WebAssembly.Instance;
  readonly memory: WebAssembly.Memory;
  private readonly table: WebAssembly.Table | undefined;
  private readonly stackPointer: WebAssembly.Global | undefined;
  private readonly counter: WebAssembly.Global | undefined;
  private readonly limit: WebAssembly.Global | undefined;
  private pristine = new Uint8Array(0);
  private pristineLength = 0;
  private pristineValid = false;
  private heapNeedsRestore = false;
  private idleWorkScheduled = false;
  private savedStackPointer = 0;
  private currentLimit = 0n;
  private view: Uint8Array | undefined;

  constructor(
    readonly prepared: PreparedModule,
    host: SystemApiHost,
    canisterText: string,
  ) {
    const ic0 = createIc0(host) as Record<string, unknown>;
    const imports: WebAssembly.Imports = {
      ic0: {},
      [METERING_IMPORT.module]: {
        [METERING_IMPORT.name]: () => {
          throw new Trap(
            `Canister ${canisterText} exceeded the limit of ${this.currentLimit} instructions for single message execution.`,
            ErrorCode.CanisterInstructionLimitExceeded,
          );
        },
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
  }

  get metered(): boolean {
    return this.counter !== undefined;
  }

  /** A view of the heap, refreshed when memory.grow detached the old buffer. */
  heap(): Uint8Array {
    const buffer = this.memory.buffer;
    if (this.view?.buffer !== buffer) this.view = new Uint8Array(buffer);
    return this.view;
  }

  hasExport(name: string): boolean {
    return typeof this.instance.exports[name] === 'function';
  }

  instructionsSoFar(): bigint {
    return this.counter ? (this.counter.value as bigint) : 0n;
  }

  begin(): void {
    this.settle();
    if (!this.pristineValid) this.refreshPristine();
    this.savedStackPointer = this.stackPointer ? (this.stackPointer.value as number) : 0;
  }

  commit(): void {
    this.pristineValid = false;
    this.scheduleIdleWork();
  }

  /** Undoes the message: the stack pointer now, the heap copy before the next use of the heap. */
  rollback(): void {
    if (this.stackPointer) this.stackPointer.value = this.savedStackPointer;
    this.heapNeedsRestore = true;
    this.scheduleIdleWork();
  }

  /** Applies a deferred heap restore; every path that reads or runs the heap calls this first. */
  settle(): void {
    if (!this.heapNeedsRestore) return;
    const heap = this.heap();
    heap.set(this.pristine.subarray(0, this.pristineLength));
    if (heap.length > this.pristineLength) heap.fill(0, this.pristineLength);
    this.heapNeedsRestore = false;
  }

  private refreshPristine(): void {
    const heap = this.heap();
    if (this.pristine.length < heap.length) this.pristine = new Uint8Array(heap.length);
    this.pristine.set(heap);
    this.pristineLength = heap.length;
    this.pristineValid = true;
  }

  /**
   * The heap copies a message needs (restore after a query or trap, fresh pristine copy after a
   * commit) run in the next event-loop turn, after the caller got its answer; a message that
   * arrives first does them itself (settle / begin).
   */
  private scheduleIdleWork(): void {
    if (this.idleWorkScheduled) return;
    this.idleWorkScheduled = true;
    setImmediate(() => {
      this.idleWorkScheduled = false;
      this.settle();
      if (!this.pristineValid) this.refreshPristine();
    });
  }

  invoke(entry: Entry, instructionLimit: bigint): InvokeResult {
    this.settle();
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
    this.settle();
    return {
      heap: this.heap().slice(),
      stackPointer: this.stackPointer ? (this.stackPointer.value as number) : 0,
    };
  }

  /** Hook for checkpoints that read the heap in place (after `settle`). */
  captureStackPointer(): number {
    return this.stackPointer ? (this.stackPointer.value as number) : 0;
  }

  restoreHeap(heap: Uint8Array, stackPointer: number): void {
    const pages = Math.ceil(heap.length / 65536) - this.memory.buffer.byteLength / 65536;
    if (pages > 0) this.memory.grow(pages);
    const view = this.heap();
    view.set(heap);
    if (view.length > heap.length) view.fill(0, heap.length);
    if (this.stackPointer) this.stackPointer.value = stackPointer;
    this.heapNeedsRestore = false;
    this.pristineValid = false;
  }
}

function asTrap(error: unknown): Trap {
  if (error instanceof Trap) return error;
  if (error instanceof RangeError) return new Trap(`stack overflow (${error.message})`);
  if (error instanceof WebAssembly.RuntimeError) return new Trap(error.message);
  return new Trap(error instanceof Error ? error.message : String(error));
}
