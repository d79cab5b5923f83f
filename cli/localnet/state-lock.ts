import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'localnet.lock';

interface LockOwner {
  pid: number;
  port: number | null;
}

export interface StateLock {
  readonly path: string;
  /** Writes the port once the server listens, so a refused second network can name it. */
  setPort(port: number): Promise<void>;
  release(): Promise<void>;
}

/**
 * One network per state folder: `localnet.lock` holds the owner's pid and port. A second
 * network is refused at once; a lock whose pid is dead (a killed network) is taken over.
 */
export async function lockStateDir(root: string): Promise<StateLock> {
  const path = join(root, LOCK_FILE);
  if (heldHere.has(path)) throw locked(root, process.pid, heldHere.get(path)!.port);
  const owner: LockOwner = { pid: process.pid, port: null };
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify(owner));
      await file.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 3) throw error;
    }
    const current = await readOwner(path);
    if (current && current.pid !== process.pid && isProcessAlive(current.pid))
      throw locked(root, current.pid, current.port);
    await rm(path, { force: true });
  }
  heldHere.set(path, owner);
  return {
    path,
    async setPort(port) {
      owner.port = port;
      await writeFile(path, JSON.stringify(owner));
    },
    async release() {
      heldHere.delete(path);
      const current = await readOwner(path);
      if (current?.pid === process.pid) await rm(path, { force: true });
    },
  };
}

/**
 * The address of the network running on `root`, from its lock (`start` and `localnet start`
 * record their port there), or undefined when none runs. Lets `status` and `deploy` find a
 * network started with `--port` without being told again.
 */
export async function runningNetworkHost(root: string): Promise<string | undefined> {
  const owner = await readOwner(join(root, LOCK_FILE));
  if (!owner || owner.port === null || !isProcessAlive(owner.pid)) return undefined;
  return `http://127.0.0.1:${owner.port}`;
}

/** Locks held by this process (a second network in the same process is refused too). */
const heldHere = new Map<string, LockOwner>();

function locked(root: string, pid: number, port: number | null): Error {
  const where = port === null ? 'a port not chosen yet' : `port ${port}`;
  return new Error(
    `LOCALNET_STATE_LOCKED: ${root} is in use by the localnet with pid ${pid} on ${where}; stop it first or pass another --state-dir`,
  );
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, port: parsed.port ?? null }
      : undefined;
  } catch {
    // Unreadable or half-written by a process killed while creating it: stale.
    return undefined;
  }
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
