import type { StoreExporter } from '../../core/index.ts';
import { encodeEntries, entrySize } from './chunk-codec.ts';
import { backupError } from './errors.ts';
import type { ChunkRef, StoreSummary } from './manifest.ts';

// Entries read per `items` call: each call skips from the store's start, so fewer and larger reads.
const PAGE = 2000;

/** Where a plan page starts: a store and an entry position, always a chunk's first entry. */
export interface PlanCursor {
  store: string;
  position: bigint;
}

/**
 * Cuts each store into chunks of at most `maxChunkBytes` (an entry larger than
 * that gets a chunk of its own), never mixing stores in one chunk.
 */
export function planChunks(
  stores: StoreExporter,
  names: readonly string[],
  maxChunkBytes: number,
): { stores: StoreSummary[]; chunks: ChunkRef[] } {
  return planChunksFrom(stores, names, maxChunkBytes, undefined, () => false);
}

/**
 * The same cut from `from` on, stopping before the first chunk that starts once `enough()` says
 * so: the page's chunks, each store's count and bytes within the page (the caller adds pages
 * up), and where the next page starts. A store's stable map pages by position (Azle's `items`
 * skips `start` entries), so one walk of a large store costs O(n²) and must be cut in pages.
 */
export function planChunksFrom(
  stores: StoreExporter,
  names: readonly string[],
  maxChunkBytes: number,
  from: PlanCursor | undefined,
  enough: () => boolean,
): { stores: StoreSummary[]; chunks: ChunkRef[]; next?: PlanCursor } {
  const first = from === undefined ? 0 : names.indexOf(from.store);
  if (first < 0) {
    throw backupError('BACKUP_CHUNK_RANGE', `no exported store ${from!.store}`, {
      expected: names.join(', '),
      found: from!.store,
    });
  }
  const summaries: StoreSummary[] = [];
  const chunks: ChunkRef[] = [];
  for (const name of names.slice(first)) {
    let position = name === from?.store ? from.position : 0n;
    const summary: StoreSummary = { name, version: 0, count: 0n, bytes: 0n };
    summaries.push(summary);
    let open: ChunkRef | undefined;
    for (;;) {
      const page = stores.exportChunk(name, Number(position), PAGE);
      summary.version = page.version;
      for (const entry of page.entries) {
        const size = entrySize(entry);
        if (open === undefined || open.bytes + size > maxChunkBytes) {
          if (chunks.length > 0 && enough()) {
            return { stores: summaries, chunks, next: { store: name, position } };
          }
          open = { store: name, start: position, count: 0, bytes: 0 };
          chunks.push(open);
        }
        open.count += 1;
        open.bytes += size;
        position += 1n;
        summary.count += 1n;
        summary.bytes += BigInt(size);
      }
      if (page.next === undefined || page.entries.length === 0) break;
    }
  }
  return { stores: summaries, chunks };
}

/** The encoded bytes of `count` entries of `store` from `start`; refuses ranges past the end. */
export function exportChunkBytes(
  stores: StoreExporter,
  ref: { store: string; start: bigint; count: number },
  maxChunkBytes: number,
): Uint8Array {
  const { entries } = stores.exportChunk(ref.store, Number(ref.start), ref.count);
  if (entries.length !== ref.count) {
    throw backupError(
      'BACKUP_CHUNK_RANGE',
      `store ${ref.store} has no ${ref.count} entries from ${ref.start}`,
      {
        expected: `${ref.count} entries`,
        found: `${entries.length}`,
      },
    );
  }
  const bytes = encodeEntries(entries);
  if (bytes.length > maxChunkBytes && entries.length > 1) {
    throw backupError('BACKUP_CHUNK_RANGE', `chunk of ${ref.store} is too large`, {
      expected: `at most ${maxChunkBytes} bytes`,
      found: `${bytes.length} bytes`,
    });
  }
  return bytes;
}
