/** The manifest's shape and seal: pure code, shared by the canister and off-chain backup tools. */
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

/** The digest of a manifest's fields: sha256 of their canonical text. */
export function manifestDigest(manifest: Omit<BackupManifest, 'digest'>): string {
  return sha256HexOfText(canonicalText(manifest));
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
  return { ...unsealed, digest: manifestDigest(unsealed) };
}
