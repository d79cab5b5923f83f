import type { StoreKey } from './key-codec.ts';

/** Turns a value stored at schema version `to - 1` into its shape at version `to`. */
export type Migration = (previous: unknown, key: StoreKey) => unknown;

/** What a plugin declares when it registers a stable store. */
export interface StoreDeclaration<V> {
  /** Unique in the canister; becomes the registry name `<owner>/<name>`. */
  name: string;
  /** Schema version of the values this code reads and writes (default 1). */
  version?: number;
  /** `migrations[v]` upgrades a value from version v-1 to v; run at postUpgrade. */
  migrations?: Record<number, Migration>;
  /** Secondary indexes: name → the indexed value of a record (undefined: not indexed). */
  indexes?: Record<string, (value: V) => unknown>;
}
