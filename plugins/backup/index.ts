import { backup } from './plugin.ts';

export { BACKUP_STATUS } from './tokens.ts';
export type { BackupStatus } from './tokens.ts';
export type { BackupOptions } from './backup-options.ts';
export { BACKUP_ERROR_CODES } from './errors.ts';
export type { BackupErrorCode } from './errors.ts';
export { sealManifest, verifyManifest } from './manifest.ts';
export { BackupTransferError, downloadBackup, restoreBackup } from './backup-transfer.ts';
export type { BackupActor, DownloadedBackup } from './backup-transfer.ts';
export type { BackupManifest, BackupPlan, ChunkInfo, ChunkRef, StoreSummary } from './manifest.ts';
export { decodeEntries, encodeEntries } from './chunk-codec.ts';
export { sha256Hex } from './sha256.ts';
export {
  BackupManifestIdl,
  BackupPlanIdl,
  BackupPlanPageIdl,
  BackupPolicyIdl,
  BackupStatusIdl,
  ChunkRequestIdl,
  ExportedChunkIdl,
  ImportProgressIdl,
  ImportResultIdl,
  PlanCursorIdl,
} from './candid.ts';
export type { PlanCursor } from './export-planner.ts';
export default backup;
