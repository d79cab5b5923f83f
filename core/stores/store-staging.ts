import type { Platform, RawStableMap } from '../platform/platform.ts';
import type { MemoryRegistry, RegistryEntry } from './memory-registry.ts';
import { StableStore } from './stable-store.ts';

/** Registry-name suffix of a store's import shadow (its data map and each index map). */
const SHADOW = '@import';

export interface StoreMaps {
  entry: RegistryEntry;
  isNew: boolean;
  data: RawStableMap;
  indexes: Map<string, RawStableMap>;
}

/** The maps of a store (or, with the shadow suffix, of its import shadow), assigning ids as needed. */
export function assignStoreMaps(
  registry: MemoryRegistry,
  platform: Platform,
  store: StableStore<unknown>,
  suffix = '',
): StoreMaps {
  const { entry, isNew } = registry.assign(store.stableName + suffix, store.version);
  const indexes = new Map(
    store.indexNames.map((name) => {
      const indexEntry = registry.assign(`${store.stableName}#${name}${suffix}`, 1).entry;
      return [name, platform.stableMap(indexEntry.memoryId)] as const;
    }),
  );
  return { entry, isNew, data: platform.stableMap(entry.memoryId), indexes };
}

/**
 * Imports through shadows. Each store has a second set of memories (data and index maps) that
 * an import fills in bounded batches across messages while the store itself is untouched;
 * `swap` then exchanges the store's memory ids with its shadow's in the registry, in one message,
 * so readers see either all the old records or all the imported ones. The old records stay in
 * the shadow until `clear` removes them (the next import clears first in any case).
 */
export class StoreStaging {
  private readonly shadows = new Map<string, StableStore<unknown>>();

  constructor(
    private readonly registry: MemoryRegistry,
    private readonly platform: Platform,
  ) {}

  /** Removes up to `limit` entries of the shadow; returns how many remain in it. */
  clear(store: StableStore<unknown>, limit: number): number {
    const maps = this.maps(store);
    let removed = 0;
    for (const map of [maps.data, ...maps.indexes.values()]) {
      while (removed < limit) {
        const batch = map.items(0, Math.min(256, limit - removed));
        if (batch.length === 0) break;
        for (const [key] of batch) map.remove(key);
        removed += batch.length;
      }
    }
    // The shadow's index nodes cached on the heap no longer describe its maps.
    if (removed > 0) this.shadows.delete(store.stableName);
    return [maps.data, ...maps.indexes.values()].reduce((sum, map) => sum + map.len(), 0);
  }

  stage(store: StableStore<unknown>, entries: [Uint8Array, Uint8Array][]): void {
    const shadow = this.shadow(store);
    entries.forEach(([key, value], position) => shadow.insertRaw(key, value, position));
  }

  count(store: StableStore<unknown>): number {
    return this.maps(store).data.len();
  }

  /** The shadow becomes the store and the store the shadow: ids swap, both re-attach. */
  swap(store: StableStore<unknown>): void {
    const names = [
      store.stableName,
      ...store.indexNames.map((index) => `${store.stableName}#${index}`),
    ];
    this.maps(store);
    for (const name of names) this.registry.swapIds(name, name + SHADOW);
    const live = assignStoreMaps(this.registry, this.platform, store);
    store.attach(live.data, live.indexes);
    this.shadows.delete(store.stableName);
  }

  private maps(store: StableStore<unknown>): StoreMaps {
    return assignStoreMaps(this.registry, this.platform, store, SHADOW);
  }

  private shadow(store: StableStore<unknown>): StableStore<unknown> {
    let shadow = this.shadows.get(store.stableName);
    if (shadow === undefined) {
      shadow = new StableStore(store.stableName, store.declaration);
      const maps = this.maps(store);
      shadow.attach(maps.data, maps.indexes);
      this.shadows.set(store.stableName, shadow);
    }
    return shadow;
  }
}
