import { durationSeconds } from './duration.ts';

/** The options of canister.yaml `plugins.backup` (see options.schema.json). */
export interface BackupOptions {
  backupPrincipals?: string[];
  maxChunkBytes?: number;
  dueAfterWrites?: number;
  maxAge?: string;
  schedule?: string;
  notify?: { canister: string; method?: string };
  exclude?: string[];
  retention?: { keepLast?: number; dailyFor?: string };
  backupEvery?: string;
  keepSnapshots?: number;
}

/** Largest chunk an import accepts (fits one ingress message). */
export const MAX_IMPORT_CHUNK_BYTES = 1_572_864;
/**
 * Largest chunk an export produces: hashing costs ~10k instructions per byte
 * in QuickJS, and an export chunk is a query (5 B instruction limit).
 */
export const MAX_EXPORT_CHUNK_BYTES = 262_144;

export interface ResolvedBackupOptions {
  backupPrincipals: Set<string>;
  maxChunkBytes: number;
  dueAfterWrites: bigint;
  maxAgeSeconds: bigint;
  scheduleSeconds?: number;
  notify?: { canister: string; method: string };
  exclude: Set<string>;
  /** What the backup canister reads through backup_status to protect this canister. */
  policy: BackupPolicy;
}

/** The protection policy this canister asks of the backup canister (canister.yaml). */
export interface BackupPolicy {
  keepLast: number;
  dailyDays: number;
  everySeconds: number;
  maxAgeSeconds: bigint;
  keepSnapshots: number;
  dueAfterWrites: bigint;
}

export function resolveBackupOptions(options: BackupOptions): ResolvedBackupOptions {
  return {
    backupPrincipals: new Set(options.backupPrincipals ?? []),
    maxChunkBytes: Math.min(options.maxChunkBytes ?? 196_608, MAX_EXPORT_CHUNK_BYTES),
    dueAfterWrites: BigInt(options.dueAfterWrites ?? 1000),
    maxAgeSeconds: BigInt(durationSeconds(options.maxAge ?? '24h')),
    ...(options.schedule !== undefined
      ? { scheduleSeconds: durationSeconds(options.schedule) }
      : {}),
    ...(options.notify !== undefined
      ? {
          notify: {
            canister: options.notify.canister,
            method: options.notify.method ?? 'backup_due',
          },
        }
      : {}),
    exclude: new Set(options.exclude ?? []),
    policy: {
      keepLast: options.retention?.keepLast ?? 5,
      dailyDays: durationSeconds(options.retention?.dailyFor ?? '7d') / 86_400,
      everySeconds: durationSeconds(options.backupEvery ?? '5m'),
      maxAgeSeconds: BigInt(durationSeconds(options.maxAge ?? '24h')),
      keepSnapshots: options.keepSnapshots ?? 1,
      dueAfterWrites: BigInt(options.dueAfterWrites ?? 1000),
    },
  };
}
