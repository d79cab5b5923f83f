import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { toHex } from '../../localnet/http/bytes.ts';
import { generateNetworkKeys } from '../../localnet/http/keys.ts';
import {
  loadOrCreateKeys,
  recoverInterruptedCheckpoint,
  stateLayout,
  type StateLayout,
} from './state-dir.ts';

let root: string;
let layout: StateLayout;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'state-dir-'));
  layout = stateLayout(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function checkpointFolder(path: string, marker: string, ageSeconds = 0) {
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'state.json'), marker);
  const when = new Date(Date.now() - ageSeconds * 1000);
  await utimes(path, when, when);
}

describe('recoverInterruptedCheckpoint', () => {
  it('puts back the newest previous checkpoint when a kill fell between the two renames', async () => {
    await checkpointFolder(`${layout.checkpointDir}.previous-11`, 'older', 60);
    await checkpointFolder(`${layout.checkpointDir}.previous-12`, 'newer');
    await checkpointFolder(`${layout.checkpointDir}.writing-12`, 'half');
    expect(await recoverInterruptedCheckpoint(layout)).toBe(`${layout.checkpointDir}.previous-12`);
    expect(await readFile(join(layout.checkpointDir, 'state.json'), 'utf8')).toBe('newer');
    expect(existsSync(`${layout.checkpointDir}.previous-11`)).toBe(false);
    expect(existsSync(`${layout.checkpointDir}.writing-12`)).toBe(false);
  });

  it('keeps the current checkpoint and drops leftovers when the swap had finished', async () => {
    await checkpointFolder(layout.checkpointDir, 'current');
    await checkpointFolder(`${layout.checkpointDir}.previous-7`, 'previous');
    expect(await recoverInterruptedCheckpoint(layout)).toBeUndefined();
    expect(await readFile(join(layout.checkpointDir, 'state.json'), 'utf8')).toBe('current');
    expect(existsSync(`${layout.checkpointDir}.previous-7`)).toBe(false);
  });
});

describe('loadOrCreateKeys', () => {
  it('creates the keys once and reads the same keys afterwards', async () => {
    const first = await loadOrCreateKeys(layout);
    const second = await loadOrCreateKeys(layout);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.keys.rootSecretKey).toEqual(first.keys.rootSecretKey);
    expect(second.keys.nodeSecretKey).toEqual(first.keys.nodeSecretKey);
  });

  it('completes a key file written before the root public key was stored', async () => {
    const { keys } = await loadOrCreateKeys(layout);
    const text = await readFile(layout.keysFile, 'utf8');
    await writeFile(layout.keysFile, text.replace(/,\s*"rootPublicKey": "[0-9a-f]+"/, ''));
    const loaded = await loadOrCreateKeys(layout);
    expect(loaded.keys.rootPublicKey).toEqual(keys.rootPublicKey);
    expect(await readFile(layout.keysFile, 'utf8')).toBe(text);
  });

  it("replaces a stored root public key that is not the secret key's", async () => {
    const { keys } = await loadOrCreateKeys(layout);
    const text = await readFile(layout.keysFile, 'utf8');
    const other = generateNetworkKeys().rootPublicKey!;
    await writeFile(
      layout.keysFile,
      text.replace(/"rootPublicKey": "[0-9a-f]+"/, `"rootPublicKey": "${toHex(other)}"`),
    );
    const loaded = await loadOrCreateKeys(layout);
    expect(loaded.keys.rootPublicKey).toEqual(keys.rootPublicKey);
    expect(loaded.keys.rootSecretKey).toEqual(keys.rootSecretKey);
    expect(await readFile(layout.keysFile, 'utf8')).toBe(text);
  });
});
