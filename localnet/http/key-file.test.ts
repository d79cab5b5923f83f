import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes.ts';
import { loadOrCreateNetworkKeys } from './key-file.ts';
import { deriveNetworkIdentity } from './keys.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('key file', () => {
  it('creates keys once (owner-only file) and loads the same keys afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localnet-keys-'));
    dirs.push(dir);
    const path = join(dir, 'state', 'network-keys.json');
    const first = await loadOrCreateNetworkKeys(path);
    const second = await loadOrCreateNetworkKeys(path);
    expect([first.created, second.created]).toEqual([true, false]);
    expect(toHex(deriveNetworkIdentity(second.keys).rootKeyDer)).toBe(
      toHex(deriveNetworkIdentity(first.keys).rootKeyDer),
    );
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
