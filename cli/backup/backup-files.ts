import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { DownloadedBackup } from '../../plugins/backup/backup-transfer.ts';
import type { BackupManifest } from '../../plugins/backup/manifest-seal.ts';

/**
 * An off-chain backup on disk: `manifest.json` (bigints as decimal strings) and one
 * `chunks/<index>.bin` per chunk, exactly the bytes whose sha256 the manifest lists.
 */
const BIGINT_FIELDS = new Set(['created_at', 'changes', 'count', 'bytes', 'start']);

export async function writeBackupDir(dir: string, backup: DownloadedBackup): Promise<void> {
  await mkdir(join(dir, 'chunks'), { recursive: true });
  const text = JSON.stringify(
    backup.manifest,
    (key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  );
  await writeFile(join(dir, 'manifest.json'), `${text}\n`);
  for (const [index, chunk] of backup.chunks.entries()) {
    await writeFile(join(dir, 'chunks', `${String(index).padStart(6, '0')}.bin`), chunk);
  }
}

export async function readBackupDir(dir: string): Promise<DownloadedBackup> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'), (key, value) =>
    BIGINT_FIELDS.has(key) && typeof value === 'string' ? BigInt(value) : value,
  ) as BackupManifest;
  // Chunk counts and bytes are nat32 in Candid: numbers again.
  manifest.chunks = manifest.chunks.map((c) => ({
    ...c,
    count: Number(c.count),
    bytes: Number(c.bytes),
  }));
  const names = (await readdir(join(dir, 'chunks'))).filter((n) => n.endsWith('.bin')).sort();
  const chunks = await Promise.all(
    names.map(async (n) => new Uint8Array(await readFile(join(dir, 'chunks', n)))),
  );
  return { manifest, chunks };
}
