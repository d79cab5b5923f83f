import { CanisterError } from '../errors/canister-error.ts';
import { noteStoreWrite } from './write-counter.ts';
import type { Platform } from '../platform/platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { decodeKey } from './key-codec.ts';
import { MemoryRegistry, REGISTRY_MEMORY_ID } from './memory-registry.ts';
import { StableStore } from './stable-store.ts';
import type { StoreDeclaration } from './store-declaration.ts';

/** One chunk of an export: raw key and value bytes in key order. */
export interface ExportChunk {
  store: string;
  version: number;
  entries: [Uint8Array, Uint8Array][];
  /** Position of the next chunk; absent when this chunk is the last. */
  next?: number;
}

/** The uniform interface the backup plugin uses for every registered store. */
export interface StoreExporter {
  storeNames(): string[];
  exportChunk(store: string, start: number, limit: number): ExportChunk;
  /** Replaces the store's contents with `entries`, or changes nothing when any entry is invalid. */
  importAll(store: string, entries: [Uint8Array, Uint8Array][]): number;
}

/**
 * Holds every store a canister declares, gives each its memory ids through
 * the persisted registry, and runs schema migrations at postUpgrade.
 */
export class StoreRegistry implements StoreExporter {
  private readonly stores = new Map<string, StableStore<unknown>>();

  declare<V>(owner: string, declaration: StoreDeclaration<V>): StableStore<V> {
    const stableName = `${owner}/${declaration.name}`;
    if (this.stores.has(stableName)) {
      throw new CanisterError('CORE_COMPOSITION', `store '${stableName}' is declared twice`);
    }
    const store = new StableStore<V>(stableName, declaration);
    this.stores.set(stableName, store as StableStore<unknown>);
    return store;
  }

  /** Attaches every store to its memory; at postUpgrade, migrates stores whose version rose. */
  open(platform: Platform, phase: 'init' | 'postUpgrade'): void {
    const registry = new MemoryRegistry(platform.stableMap(REGISTRY_MEMORY_ID));
    for (const store of this.stores.values()) {
      const { entry, isNew } = registry.assign(store.stableName, store.version);
      const indexes = new Map(
        store.indexNames.map((name) => {
          const indexEntry = registry.assign(`${store.stableName}#${name}`, 1).entry;
          return [name, platform.stableMap(indexEntry.memoryId)] as const;
        }),
      );
      store.attach(platform.stableMap(entry.memoryId), indexes);
      if (!isNew && phase === 'postUpgrade' && entry.version < store.version) {
        migrate(store, entry.version);
        registry.setVersion(store.stableName, store.version);
      }
    }
  }

  storeNames(): string[] {
    return [...this.stores.keys()];
  }

  exportChunk(name: string, start: number, limit: number): ExportChunk {
    const store = this.find(name);
    // Azle's items() traps on a start past 2^32; past the end there is nothing to export.
    if (start >= store.size()) return { store: name, version: store.version, entries: [] };
    const entries = store.raw().items(start, limit);
    const next = start + entries.length;
    const chunk: ExportChunk = { store: name, version: store.version, entries };
    return next < store.size() ? { ...chunk, next } : chunk;
  }

  importAll(name: string, entries: [Uint8Array, Uint8Array][]): number {
    const store = this.find(name);
    entries.forEach(([key, value], position) => {
      try {
        decodeKey(key);
        decodeValue(value);
      } catch (error) {
        throw new CanisterError(
          'STORE_IMPORT_INVALID',
          `entry ${position} of '${name}' is not decodable`,
          {
            expected: 'a key and value written by exportChunk',
            found: String(error),
          },
        );
      }
    });
    const raw = store.raw();
    for (;;) {
      const batch = raw.items(0, 256);
      if (batch.length === 0) break;
      for (const [key] of batch) raw.remove(key);
    }
    for (const [key, value] of entries) raw.insert(key, value);
    noteStoreWrite();
    store.rebuildIndexes();
    return entries.length;
  }

  private find(name: string): StableStore<unknown> {
    const store = this.stores.get(name);
    if (store === undefined) {
      throw new CanisterError('STORE_UNKNOWN', `no store named '${name}'`, {
        expected: `one of ${this.storeNames().join(', ')}`,
        found: name,
      });
    }
    return store;
  }
}

function migrate(store: StableStore<unknown>, storedVersion: number): void {
  const raw = store.raw();
  for (let version = storedVersion + 1; version <= store.version; version++) {
    const step = store.declaration.migrations?.[version];
    if (step === undefined) {
      throw new CanisterError(
        'CORE_MIGRATION_MISSING',
        `store '${store.stableName}' has no migration to version ${version}`,
        { expected: `migrations[${version}]`, found: 'none' },
      );
    }
    const size = raw.len();
    for (let start = 0; start < size; start += 256) {
      for (const [key, value] of raw.items(start, 256)) {
        raw.insert(key, encodeValue(step(decodeValue(value), decodeKey(key))));
      }
    }
  }
  store.rebuildIndexes();
}
