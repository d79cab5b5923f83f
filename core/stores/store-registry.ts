import { CanisterError } from '../errors/canister-error.ts';
import { noteStoreWrite } from './write-counter.ts';
import type { Platform } from '../platform/platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { decodeKey } from './key-codec.ts';
import { MemoryRegistry, REGISTRY_MEMORY_ID } from './memory-registry.ts';
import { StableStore } from './stable-store.ts';
import { assignStoreMaps, StoreStaging } from './store-staging.ts';
import type { StoreDeclaration } from './store-declaration.ts';

/** One chunk of an export: raw key and value bytes in key order. */
export interface ExportChunk {
  store: string;
  version: number;
  entries: [Uint8Array, Uint8Array][];
  /** Position of the next chunk; absent when this chunk is the last. */
  next?: number;
}

/** The uniform read side the backup plugin uses for every registered store. */
export interface StoreExporter {
  storeNames(): string[];
  exportChunk(store: string, start: number, limit: number): ExportChunk;
}

/**
 * The import side, in bounded steps across messages (store-staging.ts): exported entries go to
 * the store's import shadow while the store is untouched, then one `swapStaged` makes them its
 * contents. Nothing here writes the store itself before the swap.
 */
export interface StoreImporter {
  /** Removes up to `limit` entries of the store's shadow; returns how many remain in it. */
  clearStaged(store: string, limit: number): number;
  /** Checks each exported entry decodes and writes it into the store's shadow (indexes too). */
  stage(store: string, entries: [Uint8Array, Uint8Array][]): void;
  /** Records in the store's shadow. */
  stagedCount(store: string): number;
  /** In this message: the shadow becomes the store's contents, the old contents the shadow. */
  swapStaged(store: string): void;
}

/**
 * Holds every store a canister declares, gives each its memory ids through
 * the persisted registry, and runs schema migrations at postUpgrade.
 */
export class StoreRegistry implements StoreExporter, StoreImporter {
  private readonly stores = new Map<string, StableStore<unknown>>();
  private staging: StoreStaging | undefined;

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
    this.staging = new StoreStaging(registry, platform);
    for (const store of this.stores.values()) {
      const { entry, isNew, data, indexes } = assignStoreMaps(registry, platform, store);
      store.attach(data, indexes);
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

  clearStaged(name: string, limit: number): number {
    return this.requireStaging().clear(this.find(name), limit);
  }

  stage(name: string, entries: [Uint8Array, Uint8Array][]): void {
    this.requireStaging().stage(this.find(name), entries);
  }

  stagedCount(name: string): number {
    return this.requireStaging().count(this.find(name));
  }

  swapStaged(name: string): void {
    this.requireStaging().swap(this.find(name));
    noteStoreWrite();
  }

  private requireStaging(): StoreStaging {
    if (this.staging === undefined) {
      throw new CanisterError('CORE_STORE_NOT_OPEN', 'stores are imported after init/postUpgrade');
    }
    return this.staging;
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
