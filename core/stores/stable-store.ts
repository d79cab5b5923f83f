import { CanisterError } from '../errors/canister-error.ts';
import { noteStoreWrite } from './write-counter.ts';
import type { RawStableMap } from '../platform/platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { decodeKey, encodeKey, type StoreKey } from './key-codec.ts';
import type { StoreDeclaration } from './store-declaration.ts';
import { orderedEncode } from './ordered-encoding.ts';
import { StoreIndex } from './store-index.ts';

export interface StorePage<V> {
  entries: [StoreKey, V][];
  next?: number;
}

/** Records found through an index; `next` is the last key returned when more remain. */
export interface IndexPage<V> {
  entries: [StoreKey, V][];
  next?: StoreKey;
}

/** Records in an index range; pass `next` back as `after` for the following page. */
export interface RangePage<V> {
  entries: [StoreKey, V][];
  /** An opaque cursor (an index entry key). */
  next?: string;
}

const AFTER_ALL = '\xff';

/**
 * A typed collection in stable memory. The handle exists from setup on; its
 * maps are attached when init/postUpgrade opens the store registry.
 */
export class StableStore<V> {
  private map: RawStableMap | undefined;
  private readonly indexMaps = new Map<string, StoreIndex>();

  constructor(
    readonly stableName: string,
    readonly declaration: StoreDeclaration<V>,
  ) {}

  get version(): number {
    return this.declaration.version ?? 1;
  }

  get indexNames(): string[] {
    return Object.keys(this.declaration.indexes ?? {});
  }

  /** Called by the store registry once memory ids are known. */
  attach(map: RawStableMap, indexes: Map<string, RawStableMap>): void {
    this.map = map;
    for (const [name, indexMap] of indexes)
      this.indexMaps.set(name, new StoreIndex(name, indexMap));
  }

  get(key: StoreKey): V | undefined {
    const bytes = this.raw().get(encodeKey(key));
    return bytes === undefined ? undefined : (decodeValue(bytes) as V);
  }

  has(key: StoreKey): boolean {
    return this.raw().containsKey(encodeKey(key));
  }

  set(key: StoreKey, value: V): void {
    const previous = this.get(key);
    this.raw().insert(encodeKey(key), encodeValue(value));
    noteStoreWrite();
    this.reindex(key, previous, value);
  }

  delete(key: StoreKey): V | undefined {
    const previous = this.get(key);
    if (previous === undefined) return undefined;
    this.raw().remove(encodeKey(key));
    noteStoreWrite();
    this.reindex(key, previous, undefined);
    return previous;
  }

  /**
   * Writes an exported entry as it is (an import into a shadow, see store-staging.ts), keeping
   * the indexes; refuses an entry whose key or value does not decode.
   */
  insertRaw(key: Uint8Array, value: Uint8Array, position = 0): void {
    let storeKey: StoreKey;
    let record: V;
    try {
      storeKey = decodeKey(key);
      record = decodeValue(value) as V;
    } catch (error) {
      throw new CanisterError(
        'STORE_IMPORT_INVALID',
        `entry ${position} of '${this.stableName}' is not decodable`,
        { expected: 'a key and value written by exportChunk', found: String(error) },
      );
    }
    const previous = this.get(storeKey);
    this.raw().insert(key, value);
    this.reindex(storeKey, previous, record);
  }

  size(): number {
    return this.raw().len();
  }

  /** Entries in key order from position `start`. */
  page(start: number, limit: number): StorePage<V> {
    // Azle's items() traps on a start past 2^32; past the end there is nothing to read anyway.
    if (start >= this.size()) return { entries: [] };
    const items = this.raw().items(start, limit);
    const entries = items.map(([k, v]) => [decodeKey(k), decodeValue(v) as V] as [StoreKey, V]);
    const next = start + items.length;
    return next < this.size() ? { entries, next } : { entries };
  }

  /** Records whose index `indexName` holds `value`, by primary key, after the key `after`. */
  findBy(indexName: string, value: unknown, after?: StoreKey, limit = 50): IndexPage<V> {
    const lower = orderedEncode(value);
    const cursor = after === undefined ? undefined : StoreIndex.entryKey(value, after);
    const scan = this.index(indexName).scan(lower, lower + AFTER_ALL, cursor, limit);
    const entries = this.load(scan.keys);
    return scan.next === undefined
      ? { entries }
      : { entries, next: scan.keys[scan.keys.length - 1] };
  }

  /** Records whose index value v satisfies from ≤ v ≤ to, in value order, then key order. */
  findRange(
    indexName: string,
    from: unknown,
    to: unknown,
    options: { after?: string; limit?: number } = {},
  ): RangePage<V> {
    const upper = orderedEncode(to) + AFTER_ALL;
    const scan = this.index(indexName).scan(
      orderedEncode(from),
      upper,
      options.after,
      options.limit ?? 50,
    );
    const entries = this.load(scan.keys);
    return scan.next === undefined ? { entries } : { entries, next: scan.next };
  }

  /** Drops and rebuilds every index from the stored values. */
  rebuildIndexes(): void {
    for (const index of this.indexMaps.values()) index.clear();
    const size = this.size();
    for (let start = 0; start < size; start += 256) {
      for (const [key, value] of this.page(start, 256).entries) this.reindex(key, undefined, value);
    }
  }

  private load(keys: StoreKey[]): [StoreKey, V][] {
    const entries: [StoreKey, V][] = [];
    for (const key of keys) {
      const record = this.get(key);
      if (record !== undefined) entries.push([key, record]);
    }
    return entries;
  }

  /** The underlying byte map (export, import and migrations). */
  raw(): RawStableMap {
    if (this.map === undefined) {
      throw new CanisterError(
        'CORE_STORE_NOT_OPEN',
        `store '${this.stableName}' was used before init/postUpgrade opened it`,
      );
    }
    return this.map;
  }

  private index(name: string): StoreIndex {
    const index = this.indexMaps.get(name);
    if (index === undefined) {
      this.raw();
      throw new Error(`store '${this.stableName}' declares no index '${name}'`);
    }
    return index;
  }

  private reindex(key: StoreKey, previous: V | undefined, next: V | undefined): void {
    for (const [name, select] of Object.entries(this.declaration.indexes ?? {})) {
      const before = previous === undefined ? undefined : select(previous);
      const after = next === undefined ? undefined : select(next);
      if (sameIndexValue(before, after)) continue;
      const index = this.index(name);
      if (before !== undefined) index.remove(before, key);
      if (after !== undefined) index.add(after, key);
    }
  }
}

function sameIndexValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return orderedEncode(a) === orderedEncode(b);
}
