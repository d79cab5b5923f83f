import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { isProcessAlive } from '../localnet/state-lock.ts';

export const BUILD_LOCK_FILE = join('.azle', 'build.lock');

/** Builds queued in this process, per lock path (a process never waits on its own pid file). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` while holding the output folder's build lock. Builds into one folder share the
 * generated entries, dfx.json and `.azle/`, so two at once (two test files, or a test and a
 * developer's `icp-calendar build`) would overwrite each other's files; the second one waits
 * instead, and then finds the first one's outputs cached. A lock left by a killed build
 * (its pid is gone) is taken over.
 */
export function withBuildLock<T>(outRoot: string, work: () => Promise<T>, pollMs = 250): Promise<T> {
  const path = join(resolve(outRoot), BUILD_LOCK_FILE);
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    await acquire(path, pollMs);
    try {
      return await work();
    } finally {
      await rm(path, { force: true });
    }
  });
  const settled = run.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return run;
}

// The pid is written to a private file first and then hard-linked into place: the link is
// atomic and fails when the lock exists, so a reader never sees a half-written lock.
async function acquire(path: string, pollMs: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const mine = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(mine, String(process.pid));
  try {
    for (;;) {
      try {
        await link(mine, path);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = await readPid(path);
      if (owner !== undefined && isProcessAlive(owner)) await sleep(pollMs);
      else await rm(path, { force: true });
    }
  } finally {
    await rm(mine, { force: true });
  }
}

async function readPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
