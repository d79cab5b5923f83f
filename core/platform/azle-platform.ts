import {
  call,
  canisterCycleBalance,
  canisterSelf,
  canisterVersion,
  certifiedDataSet,
  clearTimer,
  isController,
  msgCaller,
  performanceCounter,
  setTimer,
  setTimerInterval,
  StableBTreeMap,
  time,
  type Serializable,
} from 'azle';

import type { Platform, RawStableMap } from './platform.ts';

const rawBytes: Serializable = {
  toBytes: (data: Uint8Array) => data,
  fromBytes: (bytes: Uint8Array) => bytes,
};

class AzleStableMap implements RawStableMap {
  private readonly map: StableBTreeMap<Uint8Array, Uint8Array>;

  constructor(memoryId: number) {
    this.map = new StableBTreeMap(memoryId, rawBytes, rawBytes);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.map.get(key);
  }
  insert(key: Uint8Array, value: Uint8Array): void {
    this.map.insert(key, value);
  }
  remove(key: Uint8Array): void {
    this.map.remove(key);
  }
  containsKey(key: Uint8Array): boolean {
    return this.map.containsKey(key);
  }
  len(): number {
    return this.map.len();
  }
  items(start: number, length: number): [Uint8Array, Uint8Array][] {
    return this.map.items(start, length);
  }
}

/** The real platform: Azle 0.33's IC APIs. */
export function createAzlePlatform(): Platform {
  const maps = new Map<number, RawStableMap>();
  return {
    caller: () => msgCaller(),
    time: () => time(),
    selfId: () => canisterSelf(),
    isController: (principal) => isController(principal),
    call: (canisterId, method, request) =>
      call(canisterId, method, {
        paramIdlTypes: request.paramIdlTypes,
        returnIdlType: request.returnIdlType,
        args: request.args,
        cycles: request.cycles,
      }),
    setTimer: (delay, run) => setTimer(delay, run),
    setTimerInterval: (interval, run) => setTimerInterval(interval, run),
    clearTimer: (id) => clearTimer(id),
    stableMap: (memoryId) => {
      let map = maps.get(memoryId);
      if (map === undefined) {
        map = new AzleStableMap(memoryId);
        maps.set(memoryId, map);
      }
      return map;
    },
    setCertifiedData: (data) => certifiedDataSet(data),
    performanceCounter: (kind) => performanceCounter(kind),
    cycleBalance: () => canisterCycleBalance(),
    canisterVersion: () => canisterVersion(),
  };
}
