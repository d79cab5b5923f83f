import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { LOCK_FILE, lockStateDir, runningNetworkHost } from './state-lock.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'state-lock-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('state folder lock', () => {
  it('refuses a second network in another process, naming its pid and port', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(root, LOCK_FILE), JSON.stringify({ pid: other.pid, port: 4999 }));
      await expect(lockStateDir(root)).rejects.toThrow(
        new RegExp(`LOCALNET_STATE_LOCKED: .* pid ${other.pid} on port 4999`),
      );
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('refuses a second network in this process, and frees the folder on release', async () => {
    const lock = await lockStateDir(root);
    await lock.setPort(1234);
    await expect(lockStateDir(root)).rejects.toThrow(/pid \d+ on port 1234/);
    await lock.release();
    const again = await lockStateDir(root);
    await again.release();
  });

  it('takes over the lock of a dead process', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(join(root, LOCK_FILE), JSON.stringify({ pid: dead.pid, port: 4999 }));
    const lock = await lockStateDir(root);
    expect(JSON.parse(await readFile(join(root, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await lock.release();
  });

  it('tells status and deploy where the running network listens, and nothing once it is gone', async () => {
    expect(await runningNetworkHost(root)).toBeUndefined();
    const lock = await lockStateDir(root);
    expect(await runningNetworkHost(root)).toBeUndefined();
    await lock.setPort(4971);
    expect(await runningNetworkHost(root)).toBe('http://127.0.0.1:4971');
    await lock.release();
    expect(await runningNetworkHost(root)).toBeUndefined();
    const other = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => other.once('exit', done));
    await writeFile(join(root, LOCK_FILE), JSON.stringify({ pid: other.pid, port: 4972 }));
    expect(await runningNetworkHost(root)).toBeUndefined();
  });
});
