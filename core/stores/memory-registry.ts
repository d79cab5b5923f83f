import { CanisterError } from '../errors/canister-error.ts';
import type { RawStableMap } from '../platform/platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { encodeKey } from './key-codec.ts';

/** Memory id 0 holds this registry; Azle keeps 254 for itself. */
export const REGISTRY_MEMORY_ID = 0;
const FIRST_FREE_ID = 1;
const LAST_FREE_ID = 253;

export interface RegistryEntry {
  memoryId: number;
  version: number;
}

/**
 * The persisted map `stable name → memory id + schema version`. An id, once
 * given, is never reused for another store, so adding a store or a plugin
 * leaves every other store's data where it was. The one move: a restore swaps
 * a store's ids with its import shadow's (store-staging.ts).
 */
export class MemoryRegistry {
  constructor(private readonly map: RawStableMap) {}

  lookup(name: string): RegistryEntry | undefined {
    const bytes = this.map.get(encodeKey(name));
    return bytes === undefined ? undefined : (decodeValue(bytes) as RegistryEntry);
  }

  /** The entry for `name`, assigning the next free id when the name is new. */
  assign(name: string, version: number): { entry: RegistryEntry; isNew: boolean } {
    const known = this.lookup(name);
    if (known !== undefined) return { entry: known, isNew: false };
    const memoryId = this.highestId() + 1;
    if (memoryId > LAST_FREE_ID) {
      throw new CanisterError(
        'CORE_MEMORY_EXHAUSTED',
        `no stable memory id is left for '${name}'`,
        {
          expected: `an id in ${FIRST_FREE_ID}-${LAST_FREE_ID}`,
          found: 'all assigned',
        },
      );
    }
    const entry = { memoryId, version };
    this.map.insert(encodeKey(name), encodeValue(entry));
    return { entry, isNew: true };
  }

  /** Exchanges the memory ids of two assigned names; each keeps its version. */
  swapIds(a: string, b: string): void {
    const first = this.lookup(a);
    const second = this.lookup(b);
    if (first === undefined || second === undefined) {
      throw new Error(`registry cannot swap '${a}' and '${b}': both must be assigned`);
    }
    this.map.insert(encodeKey(a), encodeValue({ ...first, memoryId: second.memoryId }));
    this.map.insert(encodeKey(b), encodeValue({ ...second, memoryId: first.memoryId }));
  }

  setVersion(name: string, version: number): void {
    const known = this.lookup(name);
    if (known === undefined) throw new Error(`registry has no store '${name}'`);
    this.map.insert(encodeKey(name), encodeValue({ ...known, version }));
  }

  private highestId(): number {
    let highest = FIRST_FREE_ID - 1;
    for (const [, bytes] of this.map.items(0, this.map.len())) {
      highest = Math.max(highest, (decodeValue(bytes) as RegistryEntry).memoryId);
    }
    return highest;
  }
}
