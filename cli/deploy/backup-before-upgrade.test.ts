import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { backupBeforeUpgradeHook } from './backup-before-upgrade.ts';

const BACKUP = 'lz3um-vp777-77777-aaaba-cai';
const CALENDAR = Principal.fromText('lqy7q-dh777-77777-aaaaq-cai');
let folder: string;
// Nothing listens on port 9: a call to the backup canister fails as an unreachable network does.
const agent = HttpAgent.createSync({ host: 'http://127.0.0.1:9', shouldFetchRootKey: false });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backup-hook-'));
  await writeFile(join(folder, 'with.json'), JSON.stringify({ backup: { local: BACKUP } }));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('backup before an upgrade', () => {
  it('says the IC snapshot is the only copy when no backup canister is deployed', async () => {
    const hook = backupBeforeUpgradeHook(agent, join(folder, 'none.json'), 'local');
    expect(await hook(CALENDAR)).toBe('no backup canister deployed; the IC snapshot is the copy');
  });

  it('does not ask the backup canister to back itself up', async () => {
    const hook = backupBeforeUpgradeHook(agent, join(folder, 'with.json'), 'local');
    expect(await hook(Principal.fromText(BACKUP))).toBe(
      'the backup canister itself: snapshot only',
    );
  });

  it('reports a failed backup and lets the snapshot protect the upgrade', async () => {
    const hook = backupBeforeUpgradeHook(agent, join(folder, 'with.json'), 'local');
    expect(await hook(CALENDAR)).toMatch(/^backup skipped \(.+\); the IC snapshot is the copy$/);
  });
});
