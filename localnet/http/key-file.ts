import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  deserializeNetworkKeys,
  generateNetworkKeys,
  serializeNetworkKeys,
  type NetworkKeys,
} from './keys.ts';

/**
 * The network's keys from `path`, or new ones written there (owner-only) on first start,
 * so the root key agents and pages hold stays valid across restarts.
 */
export async function loadOrCreateNetworkKeys(
  path: string,
): Promise<{ keys: NetworkKeys; created: boolean }> {
  if (existsSync(path))
    return { keys: deserializeNetworkKeys(await readFile(path, 'utf8')), created: false };
  const keys = generateNetworkKeys();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, serializeNetworkKeys(keys), { mode: 0o600, flag: 'wx' });
  await chmod(path, 0o600);
  return { keys, created: true };
}
