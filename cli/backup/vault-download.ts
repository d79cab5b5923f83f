import type { Principal } from '@dfinity/principal';

import {
  BackupTransferError,
  type DownloadedBackup,
} from '../../plugins/backup/backup-transfer.ts';
import { manifestDigest } from '../../plugins/backup/manifest-seal.ts';
import { sha256Hex } from '../../plugins/backup/sha256.ts';
import type { BackupCanisterCli } from './backup-canister-idl.ts';

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
function ok<T>(reply: Reply<T>, step: string): T {
  if ('Err' in reply)
    throw new BackupTransferError(reply.Err.code, `${step}: ${reply.Err.message}`);
  return reply.Ok;
}

/** The newest complete export of a canister kept by the backup canister (its version id). */
export async function latestVersion(
  vault: BackupCanisterCli,
  canister: Principal,
): Promise<bigint> {
  const versions = ok(await vault.list_versions(canister), 'list_versions');
  const complete = versions.filter((v) => v.kind === 'export' && v.status === 'complete');
  const newest = complete.at(-1);
  if (newest === undefined)
    throw new BackupTransferError(
      'VAULT_NO_GOOD_VERSION',
      `${canister.toText()} has no complete backup`,
    );
  return newest.id;
}

/**
 * Copies a version out of the backup canister: its manifest (digest checked) and every chunk
 * (size and sha256 checked against the manifest), ready for `restoreBackup` or for disk.
 */
export async function downloadVersion(
  vault: BackupCanisterCli,
  version: bigint,
): Promise<DownloadedBackup> {
  const manifest = ok(await vault.get_manifest(version), 'get_manifest');
  const { digest, ...rest } = manifest;
  if (manifestDigest(rest) !== digest) {
    throw new BackupTransferError(
      'BACKUP_MANIFEST_INVALID',
      `version ${version}: the manifest digest does not match`,
    );
  }
  const chunks: Uint8Array[] = [];
  for (const [index, info] of manifest.chunks.entries()) {
    const read = ok(await vault.read_chunk(version, index), `read_chunk ${index}`);
    const data = Uint8Array.from(read.data);
    const hash = sha256Hex(data);
    if (data.length !== info.bytes || hash !== info.sha256) {
      throw new BackupTransferError(
        'BACKUP_CHUNK_CORRUPT',
        `chunk ${index}: expected ${info.bytes} bytes with sha256 ${info.sha256}, found ${data.length} with ${hash}`,
      );
    }
    chunks.push(data);
  }
  return { manifest, chunks };
}
