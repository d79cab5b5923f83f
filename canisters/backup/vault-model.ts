import type { BackupManifest } from '../../plugins/backup/index.ts';

/** What a protected canister asks for in its canister.yaml (read through its backup_status). */
export interface ProtectionPolicy {
  keepLast: number;
  dailyDays: number;
  everySeconds: number;
  maxAgeSeconds: bigint;
  keepSnapshots: number;
  dueAfterWrites: bigint;
}

/** A canister this backup canister protects (key: its principal text). */
export interface ProtectedCanister {
  canister: string;
  /** Canister type (calendar, user_registry, …): which Wasm a recovery installs. */
  kind: string;
  group?: string;
  shard?: string;
  addedAt: bigint;
  policy: ProtectionPolicy;
  lastPullAt?: bigint;
  lastEmergencyAt?: bigint;
}

export type VersionKind = 'export' | 'snapshot';
/** `pulling` is never listed as restorable; `pruned` versions have had their chunks deleted. */
export type VersionStatus = 'pulling' | 'complete' | 'failed' | 'corrupt' | 'pruned';
export type Trigger = 'scheduled' | 'change' | 'emergency' | 'manual' | 'pre-upgrade';

export interface BackupVersion {
  id: bigint;
  canister: string;
  kind: VersionKind;
  trigger: Trigger;
  status: VersionStatus;
  startedAt: bigint;
  updatedAt: bigint;
  finishedAt?: bigint;
  /** Export: the sealed manifest (every chunk's sha256, the digest). */
  manifest?: BackupManifest;
  chunksStored: number;
  bytes: bigint;
  records: bigint;
  /** Snapshot: the IC's snapshot id, hex. */
  snapshotId?: string;
  error?: string;
}

/** Per protected canister: outcomes of backups, for get_backup_stats and health. */
export interface CanisterStats {
  successes: number;
  failures: number;
  lastSuccessAt?: bigint;
  lastFailureAt?: bigint;
  lastFailure?: string;
  lastDurationNs?: bigint;
}

/** A Wasm module a recovery installs, stored in chunks (key: canister type). */
export interface StoredWasm {
  kind: string;
  /** sha256 of the whole module, hex, as deploy declared it; the IC checks it on install. */
  moduleHash: string;
  chunks: number;
  bytes: number;
  complete: boolean;
}
