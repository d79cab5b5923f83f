import { backupError } from './errors.ts';
import { sha256HexOfText } from './sha256.ts';

export const MANIFEST_FORMAT = 1;

export interface StoreSummary {
  name: string;
  version: number;
  count: bigint;
  bytes: bigint;
}

/** Where a chunk sits: `count` entries of `store` from position `start`, `bytes` long once encoded. */
export interface ChunkRef {
  store: string;
  start: bigint;
  count: number;
  bytes: number;
}

/** What an export will contain, before any chunk is hashed. */
export interface BackupPlan {
  canister: string;
  created_at: bigint;
  /** The write counter when the plan was made; confirm refuses the backup if it moved. */
  changes: bigint;
  stores: StoreSummary[];
  chunks: ChunkRef[];
}

export interface ChunkInfo extends ChunkRef {
  sha256: string;
}

/** A finished export: the plan, each chunk's sha256, and a digest over all of it. */
export interface BackupManifest extends Omit<BackupPlan, 'chunks'> {
  format: number;
  chunks: ChunkInfo[];
  /** sha256 over the canonical text of every field and chunk hash (the hash of hashes). */
  digest: string;
}

function canonicalText(manifest: Omit<BackupManifest, 'digest'>): string {
  const lines = [
    `icp-calendar-backup ${manifest.format}`,
    `canister ${manifest.canister}`,
    `created_at ${manifest.created_at}`,
    `changes ${manifest.changes}`,
    ...manifest.stores.map((s) => `store ${s.name} ${s.version} ${s.count} ${s.bytes}`),
    ...manifest.chunks.map((c) => `chunk ${c.store} ${c.start} ${c.count} ${c.bytes} ${c.sha256}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Joins a plan with the sha256 of each of its chunks (in plan order) and computes the digest. */
export function sealManifest(plan: BackupPlan, chunkHashes: readonly string[]): BackupManifest {
  if (chunkHashes.length !== plan.chunks.length) {
    throw new Error(`expected ${plan.chunks.length} chunk hashes, got ${chunkHashes.length}`);
  }
  const unsealed = {
    format: MANIFEST_FORMAT,
    canister: plan.canister,
    created_at: plan.created_at,
    changes: plan.changes,
    stores: plan.stores,
    chunks: plan.chunks.map((chunk, i) => ({ ...chunk, sha256: chunkHashes[i]! })),
  };
  return { ...unsealed, digest: sha256HexOfText(canonicalText(unsealed)) };
}

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
  const recomputed = sha256HexOfText(canonicalText(rest));
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
