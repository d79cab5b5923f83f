import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { BUILD_LOCK_FILE, withBuildLock } from './build-lock.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'build-lock-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('withBuildLock', () => {
  it('runs builds into one folder one after the other within a process', async () => {
    const events: string[] = [];
    const build = (name: string) =>
      withBuildLock(root, async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`${name} end`);
        return name;
      });
    expect(await Promise.all([build('a'), build('b'), build('c')])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(existsSync(join(root, BUILD_LOCK_FILE))).toBe(false);
  });

  it('releases the lock when a build fails, and the next one still runs', async () => {
    const failing = withBuildLock(root, () => Promise.reject(new Error('azle failed')));
    const next = withBuildLock(root, () => Promise.resolve('built'));
    await expect(failing).rejects.toThrow('azle failed');
    expect(await next).toBe('built');
  });

  it('waits while another live process holds the lock, then takes it when that process is gone', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    await mkdir(join(root, '.azle'), { recursive: true });
    await writeFile(join(root, BUILD_LOCK_FILE), String(holder.pid));
    let ran = false;
    const waiting = withBuildLock(root, async () => (ran = true), 20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran).toBe(false);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    await waiting;
    expect(ran).toBe(true);
  });

  it('takes over a lock whose pid is dead or unreadable at once', async () => {
    await mkdir(join(root, '.azle'), { recursive: true });
    await writeFile(join(root, BUILD_LOCK_FILE), 'not a pid');
    expect(await withBuildLock(root, () => Promise.resolve('built'))).toBe('built');
  });
});
