import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import {
  deserializeNetworkKeys,
  generateNetworkKeys,
  rootPublicKeyMatches,
  serializeNetworkKeys,
  withRootPublicKey,
  type NetworkKeys,
} from '../../localnet/http/keys.ts';

/**
 * What lives in a localnet state folder (default `.localnet/`):
 *
 *   keys.json            root BLS key and node key (secrets, mode 0600)
 *   state/state.json     canisters, clock and id allocator (checkpointEngine)
 *   state/blobs/         modules, heaps, stable memories, chunks, snapshots
 *   wal/                 write-ahead log: rounds acknowledged since the checkpoint
 *   localnet.lock        pid and port of the network using this folder
 *   cache/               rewritten modules (a cache: safe to delete)
 *   canister_ids.json    ids of the deployed system, dfx's format
 *   deployer.json        the key of the principal that controls deployed canisters
 */
export interface StateLayout {
  root: string;
  keysFile: string;
  checkpointDir: string;
  walDir: string;
  cacheDir: string;
  canisterIdsFile: string;
  deployerFile: string;
}

export function stateLayout(root: string): StateLayout {
  return {
    root,
    keysFile: join(root, 'keys.json'),
    checkpointDir: join(root, 'state'),
    walDir: join(root, 'wal'),
    cacheDir: join(root, 'cache'),
    canisterIdsFile: join(root, 'canister_ids.json'),
    deployerFile: join(root, 'deployer.json'),
  };
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeFileAtomically(
  path: string,
  text: string | Uint8Array,
  mode?: number,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text, mode === undefined ? undefined : { mode });
  await rename(temporary, path);
}

/** The network keys of this folder, created on first use so the root key survives restarts. */
export async function loadOrCreateKeys(
  layout: StateLayout,
): Promise<{ keys: NetworkKeys; created: boolean }> {
  if (existsSync(layout.keysFile)) {
    const keys = deserializeNetworkKeys(await readFile(layout.keysFile, 'utf8'));
    if (rootPublicKeyMatches(keys)) return { keys, created: false };
    // An older key file, or a public key that is not the secret's (edited by hand): the secret
    // decides; its public key is derived once and stored for the next starts.
    const completed = withRootPublicKey(keys);
    await writeFileAtomically(layout.keysFile, serializeNetworkKeys(completed), 0o600);
    return { keys: completed, created: false };
  }
  const keys = generateNetworkKeys();
  await writeFileAtomically(layout.keysFile, serializeNetworkKeys(keys), 0o600);
  return { keys, created: true };
}

/**
 * checkpointEngine swaps folders in two renames (state → state.previous-<pid>, then
 * state.writing-<pid> → state). A kill between them leaves no `state/`: put the previous
 * checkpoint back. Leftover half-written folders of dead processes are removed.
 */
export async function recoverInterruptedCheckpoint(
  layout: StateLayout,
): Promise<string | undefined> {
  const parent = dirname(layout.checkpointDir);
  const name = basename(layout.checkpointDir);
  if (!existsSync(parent)) return undefined;
  const siblings = (await readdir(parent)).filter((entry) => entry.startsWith(`${name}.`));
  const previous = siblings.filter((entry) => entry.startsWith(`${name}.previous-`));
  const writing = siblings.filter((entry) => entry.startsWith(`${name}.writing-`));
  let recovered: string | undefined;
  if (!existsSync(layout.checkpointDir) && previous.length > 0) {
    const newest = await newestOf(previous.map((entry) => join(parent, entry)));
    await rename(newest, layout.checkpointDir);
    recovered = newest;
  }
  for (const entry of [...previous, ...writing]) {
    const path = join(parent, entry);
    if (path !== recovered) await rm(path, { recursive: true, force: true });
  }
  return recovered;
}

async function newestOf(paths: string[]): Promise<string> {
  const stamped = await Promise.all(
    paths.map(async (path) => ({ path, time: (await stat(path)).mtimeMs })),
  );
  return stamped.sort((a, b) => b.time - a.time)[0]!.path;
}
