import { Principal } from '@dfinity/principal';

import { CanisterRuntime } from './canister-runtime.ts';
import { callFee, DEFAULT_FREEZING_THRESHOLD_SECONDS, freezingLimit } from './cycles-policy.ts';
import { ErrorCode, Trap, type CallOutcome } from './errors.ts';
import { ALLOWED_CONTEXTS, CONTEXT_NAMES, type Execution } from './execution-context.ts';
import type { PreparedModule } from './prepared-module.ts';
import { StableMemory } from './stable-memory.ts';
import type { SystemApiHost } from './system-api.ts';

export type CanisterStatus = 'running' | 'stopping' | 'stopped';
export type LogVisibility =
  { controllers: null } | { public: null } | { allowed_viewers: Principal[] };

export interface CanisterSettings {
  freezingThreshold: bigint;
  computeAllocation: bigint;
  memoryAllocation: bigint;
  reservedCyclesLimit: bigint;
  wasmMemoryLimit: bigint;
  wasmMemoryThreshold: bigint;
  logVisibility: LogVisibility;
  environmentVariables: { name: string; value: string }[];
}

export interface LogRecord {
  idx: bigint;
  timestampNanos: bigint;
  content: string;
}

export interface CanisterSnapshot {
  id: Uint8Array;
  takenAt: bigint;
  module: PreparedModule | undefined;
  /** The module bytes as installed (before rewriting), for checkpoints. */
  wasm: Uint8Array | undefined;
  heap: Uint8Array;
  stackPointer: number;
  /** A frozen copy (never written; a load clones it). */
  stable: StableMemory;
  certifiedData: Uint8Array;
  globalTimer: bigint;
  chunkStore: Map<string, Uint8Array>;
  /** Bytes counted against memory: heap, stable memory and module. */
  size: bigint;
}

const MAX_LOG_RECORDS = 1000;
export const NON_REPLICATED = new Set(['NRQ', 'CQ', 'CRy', 'CRt', 'CC', 'F']);

/** A heap restored from a checkpoint, instantiated on first use. */
export interface PendingRuntime {
  readonly prepared: PreparedModule;
  readonly heapBytes: number;
  /** The checkpoint files holding the heap (a full page file, then deltas) and the stack pointer. */
  readonly heapFiles: readonly string[];
  readonly stackPointer: number;
  /** One of `heapFiles`, read from the checkpoint folder. */
  fileBytes(name: string): Uint8Array;
  load(): CanisterRuntime;
}

/** One canister's whole state: settings, cycles, module instance, memories, logs, snapshots. */
export class Canister implements SystemApiHost {
  readonly idText: string;
  readonly idBytes: Uint8Array;
  controllers: Principal[];
  status: CanisterStatus = 'running';
  cycles: bigint;
  settings: CanisterSettings;
  version = 0n;
  certifiedData: Uint8Array = new Uint8Array(0);
  globalTimer = 0n;
  private loadedRuntime: CanisterRuntime | undefined;
  /** A restored heap not instantiated yet (see pending-runtime.ts). */
  private pendingRuntime: PendingRuntime | undefined;
  /** The module bytes as installed, kept so a checkpoint can prepare them again. */
  installedWasm: Uint8Array | undefined;
  stableMemory = new StableMemory();
  logs: LogRecord[] = [];
  nextLogIndex = 0n;
  snapshots = new Map<string, CanisterSnapshot>();
  nextSnapshotIndex = 0n;
  chunkStore = new Map<string, Uint8Array>();
  openCallContexts = 0;
  pendingStops: Array<(cancelled?: CallOutcome) => void> = [];
  /** Set while a message executes on this canister. */
  current: Execution | undefined;
  /** Instructions of the latest execution on this canister (benchmarks, diagnostics). */
  lastInstructions = 0n;
  /** Instructions charged to the running call context before this execution. */
  contextInstructionsBefore = 0n;

  constructor(
    readonly id: Principal,
    controllers: Principal[],
    cycles: bigint,
  ) {
    this.idText = id.toText();
    this.idBytes = id.toUint8Array();
    this.controllers = controllers;
    this.cycles = cycles;
    this.settings = {
      freezingThreshold: DEFAULT_FREEZING_THRESHOLD_SECONDS,
      computeAllocation: 0n,
      memoryAllocation: 0n,
      reservedCyclesLimit: 5_000_000_000_000n,
      wasmMemoryLimit: 0n,
      wasmMemoryThreshold: 0n,
      logVisibility: { controllers: null },
      environmentVariables: [],
    };
  }

  /** The module instance with its heap; a restored heap is loaded on this first use. */
  get runtime(): CanisterRuntime | undefined {
    if (this.pendingRuntime) {
      const pending = this.pendingRuntime;
      this.pendingRuntime = undefined;
      this.loadedRuntime = pending.load();
    }
    return this.loadedRuntime;
  }

  set runtime(runtime: CanisterRuntime | undefined) {
    this.pendingRuntime = undefined;
    this.loadedRuntime = runtime;
  }

  /** A restored heap, loaded on the first use of `runtime`. */
  restoreLater(pending: PendingRuntime): void {
    this.runtime = undefined;
    this.pendingRuntime = pending;
  }

  /** The heap still waiting in its checkpoint files, if it was never used since the restore. */
  get unloadedHeap(): PendingRuntime | undefined {
    return this.pendingRuntime;
  }

  get module(): PreparedModule | undefined {
    return this.pendingRuntime?.prepared ?? this.loadedRuntime?.prepared;
  }

  /** Whether the installed module exports `name` (answered without loading a restored heap). */
  exports(name: string): boolean {
    return this.module?.exports.includes(name) ?? false;
  }

  get heapBytes(): number {
    return this.pendingRuntime?.heapBytes ?? this.loadedRuntime?.heapBytes ?? 0;
  }

  memoryBytes(): bigint {
    const module = this.module ? this.module.wasmBytes.length : 0;
    return BigInt(this.heapBytes + this.stableMemory.size + module);
  }

  freezingLimit(): bigint {
    return freezingLimit(this.memoryBytes(), this.settings.freezingThreshold);
  }

  isControlledBy(principal: Principal): boolean {
    const text = principal.toText();
    return this.controllers.some((c) => c.toText() === text);
  }

  appendLog(content: string, time: bigint): void {
    this.logs.push({ idx: this.nextLogIndex++, timestampNanos: time, content });
    if (this.logs.length > MAX_LOG_RECORDS) this.logs.splice(0, this.logs.length - MAX_LOG_RECORDS);
  }

  // SystemApiHost

  enter(name: string): Execution {
    const execution = this.current;
    if (!execution)
      throw new Trap(
        `ic0.${name} called outside a message execution`,
        ErrorCode.CanisterContractViolation,
      );
    const allowed = ALLOWED_CONTEXTS[name];
    if (allowed && !allowed.includes(execution.kind)) {
      throw new Trap(
        `"ic0_${name}" cannot be executed in ${CONTEXT_NAMES[execution.kind]} context (${execution.kind})`,
        ErrorCode.CanisterContractViolation,
      );
    }
    return execution;
  }

  memory(): Uint8Array {
    return this.runtime!.heap();
  }

  willWrite(start: number, length: number): void {
    this.runtime!.willWrite(start, length);
  }

  stable(): StableMemory {
    return this.stableMemory;
  }

  isController(principal: Uint8Array): boolean {
    return this.isControlledBy(Principal.fromUint8Array(principal));
  }

  canisterVersion(): bigint {
    return this.version;
  }

  armedTimer(): bigint {
    return this.globalTimer;
  }

  balance(): bigint {
    return this.cycles;
  }

  adjustBalance(delta: bigint): void {
    this.cycles += delta;
  }

  liquidBalance(): bigint {
    const liquid = this.cycles - this.freezingLimit();
    return liquid > 0n ? liquid : 0n;
  }

  instructions(counter: number): bigint {
    const now = this.runtime?.instructionsSoFar() ?? 0n;
    return counter === 1 ? this.contextInstructionsBefore + now : now;
  }

  log(text: string): void {
    const execution = this.current;
    if (!execution || NON_REPLICATED.has(execution.kind)) return;
    this.appendLog(text, execution.time);
  }

  costCall(methodNameSize: bigint, payloadSize: bigint): bigint {
    return callFee(methodNameSize, payloadSize);
  }
}
