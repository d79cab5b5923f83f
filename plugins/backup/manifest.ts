import { backupError } from './errors.ts';
import { MANIFEST_FORMAT, manifestDigest, type BackupManifest } from './manifest-seal.ts';

export { MANIFEST_FORMAT, sealManifest } from './manifest-seal.ts';
export type {
  BackupManifest,
  BackupPlan,
  ChunkInfo,
  ChunkRef,
  StoreSummary,
} from './manifest-seal.ts';

/**
 * Checks that a manifest is internally consistent: the digest matches, chunks
 * are within limits, belong to listed stores, tile each store from 0 without
 * gaps and add up to the store counts and sizes. Throws BACKUP_MANIFEST_INVALID.
 */
export function verifyManifest(manifest: BackupManifest, maxChunkBytes: number): void {
  const invalid = (expected: string, found: string) =>
    backupError('BACKUP_MANIFEST_INVALID', `backup manifest refused: expected ${expected}`, {
      expected,
      found,
    });
  if (manifest.format !== MANIFEST_FORMAT) {
    throw invalid(`format ${MANIFEST_FORMAT}`, `format ${manifest.format}`);
  }
  const { digest, ...rest } = manifest;
  const recomputed = manifestDigest(rest);
  if (recomputed !== digest) throw invalid(`digest ${recomputed}`, `digest ${digest}`);
  const totals = new Map<string, { count: bigint; bytes: bigint }>();
  for (const store of manifest.stores) {
    if (totals.has(store.name)) throw invalid('each store listed once', `${store.name} twice`);
    totals.set(store.name, { count: 0n, bytes: 0n });
  }
  manifest.chunks.forEach((chunk, index) => {
    const total = totals.get(chunk.store);
    if (total === undefined)
      throw invalid('chunks of listed stores', `chunk ${index} of ${chunk.store}`);
    if (chunk.bytes > maxChunkBytes) {
      throw invalid(`chunks of at most ${maxChunkBytes} bytes`, `chunk ${index} of ${chunk.bytes}`);
    }
    if (chunk.start !== total.count) {
      throw invalid(`chunk ${index} to start at ${total.count}`, `start ${chunk.start}`);
    }
    total.count += BigInt(chunk.count);
    total.bytes += BigInt(chunk.bytes);
  });
  for (const store of manifest.stores) {
    const total = totals.get(store.name)!;
    if (total.count !== store.count || total.bytes !== store.bytes) {
      throw invalid(
        `chunks of ${store.name} adding up to ${store.count} entries / ${store.bytes} bytes`,
        `${total.count} entries / ${total.bytes} bytes`,
      );
    }
  }
}
