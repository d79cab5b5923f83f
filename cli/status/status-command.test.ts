import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin.js', import.meta.url));

describe('icp-calendar status', () => {
  it('says what is missing, with exit code 1, when nothing was deployed from the state dir', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'status-empty-'));
    try {
      const failure = await run(process.execPath, [bin, 'status', '--state-dir', empty]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toContain(
        `STATUS_NO_DEPLOYMENT: expected deployed canisters in ${join(empty, 'canister_ids.json')}`,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
