import type { HealthReport, StoreExporter } from '../../core/index.ts';

/**
 * Entries in a store, found with O(log n) empty export windows: core's
 * exporter reports `next` exactly when entries exist past the window start.
 */
export function storeSize(stores: StoreExporter, name: string): number {
  const hasEntryAt = (position: number) => stores.exportChunk(name, position, 0).next !== undefined;
  if (!hasEntryAt(0)) return 0;
  let low = 0; // an entry exists at low
  let high = 1;
  while (hasEntryAt(high)) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (hasEntryAt(middle)) low = middle;
    else high = middle;
  }
  return low + 1;
}

/** Every registered store opens and its first entry reads back. */
export function storesCheck(stores: StoreExporter): HealthReport {
  const names = stores.storeNames();
  const broken: string[] = [];
  for (const name of names) {
    try {
      stores.exportChunk(name, 0, 1);
    } catch (error) {
      broken.push(`${name}: ${String(error)}`);
    }
  }
  return broken.length === 0
    ? { healthy: true, detail: `${names.length} stores readable` }
    : { healthy: false, detail: broken.join('; ') };
}

/** Headroom in stored entries (Azle 0.33 exposes no heap or stable memory size to JavaScript). */
export function memoryCheck(stores: StoreExporter, maxEntries: number | undefined): HealthReport {
  const total = stores.storeNames().reduce((sum, name) => sum + storeSize(stores, name), 0);
  if (maxEntries === undefined)
    return { healthy: true, detail: `${total} entries stored (no limit set)` };
  return {
    healthy: total <= maxEntries,
    detail: `${total} of at most ${maxEntries} entries stored`,
  };
}
