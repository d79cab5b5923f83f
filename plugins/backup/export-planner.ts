import type { StoreExporter } from '../../core/index.ts';
import { encodeEntries, entrySize, type RawEntry } from './chunk-codec.ts';
import { backupError } from './errors.ts';
import type { ChunkRef, StoreSummary } from './manifest.ts';

const PAGE = 500;

/** Walks every entry of a store once, page by page, in key order. */
function forEachEntry(
  stores: StoreExporter,
  store: string,
  visit: (entry: RawEntry) => void,
): number {
  let start = 0;
  for (;;) {
    const page = stores.exportChunk(store, start, PAGE);
    page.entries.forEach(visit);
    start += page.entries.length;
    if (page.next === undefined || page.entries.length === 0) return page.version;
  }
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
  const summaries: StoreSummary[] = [];
  const chunks: ChunkRef[] = [];
  for (const name of names) {
    let position = 0n;
    let total = 0n;
    let open: ChunkRef | undefined;
    const version = forEachEntry(stores, name, (entry) => {
      const size = entrySize(entry);
      if (open === undefined || open.bytes + size > maxChunkBytes) {
        open = { store: name, start: position, count: 0, bytes: 0 };
        chunks.push(open);
      }
      open.count += 1;
      open.bytes += size;
      position += 1n;
      total += BigInt(size);
    });
    summaries.push({ name, version, count: position, bytes: total });
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
