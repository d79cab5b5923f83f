import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

import type { DeployedCanister } from './deploy-system.ts';

/**
 * What the configure step was last applied to: the deployed canisters (ids, types, groups,
 * shards), the registry's groups and the modules. A start that finds the same inputs, with
 * every module unchanged, skips configuring again; any change runs it in full.
 */
export function configureFingerprint(
  deployed: readonly DeployedCanister[],
  groups: readonly { name: string; description?: string }[],
  moduleBytes: readonly Uint8Array[],
): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      canisters: deployed.map(({ name, type, group, shard, id }) => [name, type, group, shard, id]),
      groups,
    }),
  );
  for (const bytes of moduleBytes) hash.update(createHash('sha256').update(bytes).digest());
  return hash.digest('hex');
}

export async function configuredWith(file: string, fingerprint: string): Promise<boolean> {
  return existsSync(file) && (await readFile(file, 'utf8')).trim() === fingerprint;
}

export async function recordConfigured(file: string, fingerprint: string): Promise<void> {
  await writeFile(file, `${fingerprint}\n`);
}
