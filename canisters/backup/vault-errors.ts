import { CanisterError, type ErrorDetails } from '../../core/index.ts';

/** Codes the backup canister returns in `Err`; README.md documents each (a test keeps them equal). */
export const VAULT_ERROR_CODES = {
  VAULT_NOT_PROTECTED: 'The canister named is not protected by this backup canister.',
  VAULT_FORBIDDEN: 'The caller may not do this (backup_due is for the protected canister itself).',
  VAULT_BUSY: 'A backup of this canister is already being pulled.',
  VAULT_PULL_FAILED:
    'The protected canister refused or failed a step of the export; the version is recorded as failed.',
  VAULT_PROTECT_FAILED:
    'The canister to protect did not answer backup_status or backup_set_notify (absent, stopped, or without the backup plugin).',
  VAULT_CHUNK_CORRUPT: 'A chunk does not match its sha256 or size (on arrival, or when re-read).',
  VAULT_SNAPSHOT_FAILED: 'The IC refused to take or list a canister snapshot.',
  VAULT_UNKNOWN_VERSION: 'No backup version has that id (or it is not complete).',
  VAULT_NO_GOOD_VERSION: 'The canister has no complete, uncorrupted backup to recover from.',
  VAULT_NO_WASM: 'No complete Wasm module of the canister type is stored for a recovery.',
  VAULT_WASM_INVALID: 'A Wasm chunk is out of order, too large, or the module hash is malformed.',
  VAULT_UNKNOWN_PLAN: 'No recovery plan has that id for that canister.',
  VAULT_PLAN_FAILED: 'A recovery step failed; the plan stops at that step and can be resumed.',
} as const;

export type VaultErrorCode = keyof typeof VAULT_ERROR_CODES;

export function vaultError(
  code: VaultErrorCode,
  message: string,
  details: ErrorDetails = {},
): CanisterError {
  return new CanisterError(code, message, details);
}
