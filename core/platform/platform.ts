import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

/** A byte-keyed map in stable memory, ordered by key bytes. */
export interface RawStableMap {
  get(key: Uint8Array): Uint8Array | undefined;
  insert(key: Uint8Array, value: Uint8Array): void;
  remove(key: Uint8Array): void;
  containsKey(key: Uint8Array): boolean;
  len(): number;
  /** Entries in key order, skipping `start` and returning at most `length`. */
  items(start: number, length: number): [Uint8Array, Uint8Array][];
}

export interface InterCanisterCall {
  paramIdlTypes: IDL.Type[];
  returnIdlType?: IDL.Type;
  args: unknown[];
  cycles?: bigint;
}

export type TimerId = bigint;

/**
 * Everything core and domain code need from the IC. The Azle implementation
 * is the real one (platform/azle-platform.ts); testing/memory-platform.ts
 * serves unit tests in Node.
 */
export interface Platform {
  caller(): Principal;
  /** Nanoseconds since the Unix epoch. */
  time(): bigint;
  selfId(): Principal;
  isController(principal: Principal): boolean;
  call<T>(canisterId: Principal, method: string, request: InterCanisterCall): Promise<T>;
  setTimer(delaySeconds: number, run: () => void | Promise<void>): TimerId;
  setTimerInterval(intervalSeconds: number, run: () => void | Promise<void>): TimerId;
  clearTimer(id: TimerId): void;
  /** The stable map at a memory id (0-253). */
  stableMap(memoryId: number): RawStableMap;
  setCertifiedData(data: Uint8Array): void;
  /** Instructions executed so far in this message (kind 0) or call context (kind 1). */
  performanceCounter(kind: 0 | 1): bigint;
  cycleBalance(): bigint;
  canisterVersion(): bigint;
}
