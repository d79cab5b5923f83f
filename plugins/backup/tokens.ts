import { token } from '../../core/index.ts';

/** What other plugins (metrics, health) may read about backups, without backup internals. */
export interface BackupStatus {
  /** Nanoseconds since the epoch of the last confirmed backup or restore; undefined if none. */
  lastBackupAt(): bigint | undefined;
  /** Successful update calls since then. */
  changesSinceBackup(): bigint;
  /** Whether a backup is due, and why (write count or age). */
  due(): { due: boolean; reason: string };
}

export const BACKUP_STATUS = token<BackupStatus>('backup/status');
