import type { RawStableMap } from '../platform/platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { encodeKey, joinKeyParts, type StoreKey } from './key-codec.ts';

/** Keys per posting page. A page is read with one stable-map get. */
export const INDEX_PAGE_SIZE = 64;

const HEAD = new Uint8Array([0x68]); // 'h': value → number of pages
const PAGE = new Uint8Array([0x70]); // 'p': value + page number → keys (null = removed)
const LOCATION = new Uint8Array([0x6c]); // 'l': primary key → page number

export interface IndexPage {
  keys: StoreKey[];
  /** Position to pass as `cursor` for the next page; absent at the end. */
  next?: number;
}

function pageNumber(page: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, page);
  return bytes;
}

/**
 * A secondary index in its own stable map: for each indexed value, posting
 * pages of primary keys in insertion order. Listing from a cursor reads
 * `log n` for the page lookup plus the k keys returned; removal leaves a hole
 * so cursors stay valid.
 */
export class StoreIndex {
  constructor(
    readonly name: string,
    private readonly map: RawStableMap,
  ) {}

  add(value: unknown, key: StoreKey): void {
    const valueBytes = encodeValue(value);
    const headKey = joinKeyParts([HEAD, valueBytes]);
    let pages = this.readNumber(headKey) ?? 0;
    let last = pages === 0 ? [] : this.readPage(valueBytes, pages - 1);
    if (pages === 0 || last.length >= INDEX_PAGE_SIZE) {
      pages += 1;
      last = [];
      this.map.insert(headKey, encodeValue(pages));
    }
    last.push(key);
    this.map.insert(joinKeyParts([PAGE, valueBytes, pageNumber(pages - 1)]), encodeValue(last));
    this.map.insert(joinKeyParts([LOCATION, encodeKey(key), valueBytes]), encodeValue(pages - 1));
  }

  remove(value: unknown, key: StoreKey): void {
    const valueBytes = encodeValue(value);
    const locationKey = joinKeyParts([LOCATION, encodeKey(key), valueBytes]);
    const page = this.readNumber(locationKey);
    if (page === undefined) return;
    const keys = this.readPage(valueBytes, page).map((k) => (k === key ? null : k));
    this.map.insert(joinKeyParts([PAGE, valueBytes, pageNumber(page)]), encodeValue(keys));
    this.map.remove(locationKey);
  }

  /** Keys indexed under `value`, from position `cursor`, at most `limit`. */
  list(value: unknown, cursor: number, limit: number): IndexPage {
    const valueBytes = encodeValue(value);
    const pages = this.readNumber(joinKeyParts([HEAD, valueBytes])) ?? 0;
    const keys: StoreKey[] = [];
    let position = cursor;
    while (position < pages * INDEX_PAGE_SIZE) {
      const page = Math.floor(position / INDEX_PAGE_SIZE);
      const slots = this.readPage(valueBytes, page);
      for (let slot = position % INDEX_PAGE_SIZE; slot < INDEX_PAGE_SIZE; slot++) {
        position = page * INDEX_PAGE_SIZE + slot + 1;
        if (slot >= slots.length) {
          position = (page + 1) * INDEX_PAGE_SIZE;
          break;
        }
        const key = slots[slot];
        if (key !== null && key !== undefined) keys.push(key);
        if (keys.length === limit) {
          return position < pages * INDEX_PAGE_SIZE ? { keys, next: position } : { keys };
        }
      }
    }
    return { keys };
  }

  /** Removes every entry (used before a rebuild). */
  clear(): void {
    for (;;) {
      const batch = this.map.items(0, 256);
      if (batch.length === 0) return;
      for (const [key] of batch) this.map.remove(key);
    }
  }

  private readNumber(key: Uint8Array): number | undefined {
    const bytes = this.map.get(key);
    return bytes === undefined ? undefined : (decodeValue(bytes) as number);
  }

  private readPage(valueBytes: Uint8Array, page: number): (StoreKey | null)[] {
    const bytes = this.map.get(joinKeyParts([PAGE, valueBytes, pageNumber(page)]));
    return bytes === undefined ? [] : (decodeValue(bytes) as (StoreKey | null)[]);
  }
}
