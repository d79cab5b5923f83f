import { CanisterError, type ErrorDetails } from '../../core/index.ts';

/** Every code the backup plugin raises; README.md documents each (a test keeps them equal). */
export const BACKUP_ERROR_CODES = {
  BACKUP_FORBIDDEN: 'The caller is neither a controller nor a configured backup principal.',
  BACKUP_UNKNOWN_STORE: 'The store named is not registered or is excluded from backups.',
  BACKUP_CHUNK_RANGE:
    'An export chunk request reaches past the store, or its bytes exceed maxChunkBytes.',
  BACKUP_MANIFEST_INVALID:
    'A manifest is malformed: its digest does not match, a chunk is too large or misplaced, or counts disagree.',
  BACKUP_VERSION_MISMATCH:
    'A manifest store has another schema version than the running code; import into matching code.',
  BACKUP_NO_IMPORT:
    'A chunk or commit arrived without a started import (call backup_import_begin).',
  BACKUP_CHUNK_CORRUPT:
    'A chunk does not match the sha256 or size its manifest declares; nothing was written.',
  BACKUP_CHUNK_MISSING: 'Commit was called before every chunk of the manifest was uploaded.',
  BACKUP_CHUNK_INVALID: 'A chunk passed its hash but its entries do not decode or add up.',
  BACKUP_RESTORING:
    'A restore is being committed and has not swapped its stores in yet; only backup calls run until it has (or is aborted).',
  BACKUP_STALE:
    'The manifest to confirm no longer describes the stores: writes happened since the export began.',
} as const;

export type BackupErrorCode = keyof typeof BACKUP_ERROR_CODES;

export function backupError(
  code: BackupErrorCode,
  message: string,
  details: ErrorDetails = {},
): CanisterError {
  return new CanisterError(code, message, details);
}
