import { Principal } from '@dfinity/principal';

import type { InterCanisterCall, Platform, RawStableMap, TimerId } from '../platform/platform.ts';
import { MemoryStableMap } from './memory-stable-map.ts';

interface MemoryTimer {
  id: TimerId;
  dueNs: bigint;
  intervalNs?: bigint;
  run: () => void | Promise<void>;
}

type CallHandler = (method: string, request: InterCanisterCall) => unknown;

/**
 * An in-memory Platform for Node unit tests. Never imported by canister code.
 * Stable maps survive `upgrade()`; timers do not (as on the IC).
 */
export class MemoryPlatform implements Platform {
  currentCaller: Principal = Principal.anonymous();
  nowNs = 1_700_000_000_000_000_000n;
  readonly self = Principal.fromText('aaaaa-aa');
  readonly controllers: Principal[] = [];
  readonly certified: Uint8Array[] = [];
  readonly calls = new Map<string, CallHandler>();
  version = 0n;
  cycles = 10_000_000_000_000n;
  private readonly maps = new Map<number, MemoryStableMap>();
  private timers: MemoryTimer[] = [];
  private nextTimer = 1n;
  private instructions = 0n;

  /** Runs `action` as `principal`, then restores the previous caller. */
  as<T>(principal: Principal, action: () => T): T {
    const previous = this.currentCaller;
    this.currentCaller = principal;
    try {
      return action();
    } finally {
      this.currentCaller = previous;
    }
  }

  /** Moves the clock forward and runs due timers in due order. */
  advance(seconds: number): void {
    this.nowNs += BigInt(seconds) * 1_000_000_000n;
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.dueNs <= this.nowNs)
        .sort((a, b) => (a.dueNs < b.dueNs ? -1 : 1))[0];
      if (due === undefined) return;
      if (due.intervalNs === undefined) this.timers = this.timers.filter((t) => t !== due);
      else due.dueNs += due.intervalNs;
      void due.run();
    }
  }

  /** Simulates an upgrade: timers are dropped, stable memory stays. */
  upgrade(): void {
    this.timers = [];
    this.version += 1n;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  caller(): Principal {
    return this.currentCaller;
  }
  time(): bigint {
    return this.nowNs;
  }
  selfId(): Principal {
    return this.self;
  }
  isController(principal: Principal): boolean {
    return this.controllers.some((c) => c.toText() === principal.toText());
  }
  async call<T>(canisterId: Principal, method: string, request: InterCanisterCall): Promise<T> {
    const handler = this.calls.get(canisterId.toText());
    if (handler === undefined) throw new Error(`no canister ${canisterId.toText()} in the test`);
    return (await handler(method, request)) as T;
  }
  setTimer(delaySeconds: number, run: () => void | Promise<void>): TimerId {
    const id = this.nextTimer++;
    this.timers.push({ id, dueNs: this.nowNs + BigInt(delaySeconds) * 1_000_000_000n, run });
    return id;
  }
  setTimerInterval(intervalSeconds: number, run: () => void | Promise<void>): TimerId {
    const id = this.nextTimer++;
    const intervalNs = BigInt(intervalSeconds) * 1_000_000_000n;
    this.timers.push({ id, dueNs: this.nowNs + intervalNs, intervalNs, run });
    return id;
  }
  clearTimer(id: TimerId): void {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }
  stableMap(memoryId: number): RawStableMap {
    if (memoryId < 0 || memoryId > 253) throw new Error(`memory id ${memoryId} is outside 0-253`);
    let map = this.maps.get(memoryId);
    if (map === undefined) {
      map = new MemoryStableMap();
      this.maps.set(memoryId, map);
    }
    return map;
  }
  usedMemoryIds(): number[] {
    return [...this.maps.entries()].filter(([, m]) => m.len() > 0).map(([id]) => id);
  }
  setCertifiedData(data: Uint8Array): void {
    this.certified.push(data);
  }
  performanceCounter(): bigint {
    return (this.instructions += 1000n);
  }
  cycleBalance(): bigint {
    return this.cycles;
  }
  canisterVersion(): bigint {
    return this.version;
  }
}
