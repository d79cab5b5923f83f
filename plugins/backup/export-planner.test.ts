import { describe, expect, it } from 'vitest';

import type { StoreExporter } from '../../core/index.ts';
import { type PlanCursor, planChunks, planChunksFrom } from './export-planner.ts';

/** Stores of entries whose values grow and shrink, so chunks hold different counts. */
function exporter(sizes: Record<string, number>): StoreExporter {
  const stores = new Map(
    Object.entries(sizes).map(([name, count]) => [
      name,
      Array.from(
        { length: count },
        (_, i) =>
          [Uint8Array.of(i >> 8, i & 255), new Uint8Array(20 + ((i * 37) % 150))] as [
            Uint8Array,
            Uint8Array,
          ],
      ),
    ]),
  );
  return {
    storeNames: () => [...stores.keys()],
    exportChunk(store, start, limit) {
      const all = stores.get(store)!;
      const entries = all.slice(start, start + limit);
      const next = start + entries.length;
      return { store, version: 3, entries, ...(next < all.length ? { next } : {}) };
    },
  };
}

const NAMES = ['a/people', 'a/empty', 'a/events'];
const SIZES = { 'a/people': 5_000, 'a/empty': 0, 'a/events': 3_100 };

/** Every page of the plan, each cut when `enough` says so, added up as the backup canister does. */
function paged(enough: (chunks: number) => boolean) {
  const stores = exporter(SIZES);
  const pages = [];
  let cursor: PlanCursor | undefined;
  do {
    let chunks = 0;
    const page = planChunksFrom(stores, NAMES, 4096, cursor, () => enough(++chunks));
    pages.push(page);
    cursor = page.next;
  } while (cursor !== undefined);
  const totals = new Map<string, { count: bigint; bytes: bigint; version: number }>();
  for (const part of pages.flatMap((p) => p.stores)) {
    const sum = totals.get(part.name) ?? { count: 0n, bytes: 0n, version: part.version };
    totals.set(part.name, { ...sum, count: sum.count + part.count, bytes: sum.bytes + part.bytes });
  }
  return {
    pages,
    chunks: pages.flatMap((p) => p.chunks),
    stores: [...totals].map(([name, t]) => ({ name, ...t })),
  };
}

describe('export planner pages', () => {
  const whole = planChunks(exporter(SIZES), NAMES, 4096);

  it('cuts the same chunks and store totals in pages as in one walk, empty stores included', () => {
    expect(whole.chunks.length).toBeGreaterThan(20);
    for (const every of [1, 3, 7]) {
      const plan = paged((chunks) => chunks >= every);
      expect(plan.chunks).toEqual(whole.chunks);
      expect(plan.stores).toEqual(whole.stores);
      // Each page but the last ends where its next chunk starts, with `every` chunks.
      for (const [i, page] of plan.pages.entries()) {
        if (page.next === undefined) continue;
        expect(page.chunks).toHaveLength(every);
        const following = plan.pages[i + 1]!.chunks[0]!;
        expect([page.next.store, page.next.position]).toEqual([following.store, following.start]);
      }
    }
    expect(whole.stores.find((s) => s.name === 'a/empty')).toEqual({
      name: 'a/empty',
      version: 3,
      count: 0n,
      bytes: 0n,
    });
  });

  it('makes progress on every page even when the budget is spent before it starts', () => {
    const plan = paged(() => true);
    expect(plan.pages).toHaveLength(whole.chunks.length);
    expect(plan.chunks).toEqual(whole.chunks);
  });

  it('refuses a cursor naming a store it does not export', () => {
    expect(() =>
      planChunksFrom(exporter(SIZES), NAMES, 4096, { store: 'a/other', position: 0n }, () => false),
    ).toThrow(/BACKUP_CHUNK_RANGE|no exported store a\/other/);
  });
});
