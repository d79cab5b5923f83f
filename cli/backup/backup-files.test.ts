import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { sealManifest } from '../../plugins/backup/manifest-seal.ts';
import { sha256Hex } from '../../plugins/backup/sha256.ts';
import { readBackupDir, writeBackupDir } from './backup-files.ts';

describe('off-chain backup files', () => {
  it('write and read back the same manifest (bigints and numbers as they were) and chunk bytes', async () => {
    const chunks = [Uint8Array.of(0, 1, 2, 255), Uint8Array.of(9, 8)];
    const manifest = sealManifest(
      {
        canister: 'calendar',
        created_at: 1_700_000_000_000_000_000n,
        changes: 3n,
        stores: [{ name: 'calendar/events', version: 2, count: 3n, bytes: 6n }],
        chunks: [
          { store: 'calendar/events', start: 0n, count: 2, bytes: 4 },
          { store: 'calendar/events', start: 2n, count: 1, bytes: 2 },
        ],
      },
      chunks.map(sha256Hex),
    );
    const dir = await mkdtemp(join(tmpdir(), 'backup-files-'));
    try {
      await writeBackupDir(dir, { manifest, chunks });
      const read = await readBackupDir(dir);
      expect(read.manifest).toEqual(manifest);
      expect(read.chunks).toEqual(chunks);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
