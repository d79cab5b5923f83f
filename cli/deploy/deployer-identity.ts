import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { Ed25519KeyIdentity } from '@dfinity/identity';

import { writeFileAtomically } from '../localnet/state-dir.ts';

/** The identity that creates and controls local canisters, kept so later deploys may upgrade them. */
export async function loadOrCreateDeployer(file: string): Promise<Ed25519KeyIdentity> {
  if (existsSync(file)) return Ed25519KeyIdentity.fromJSON(await readFile(file, 'utf8'));
  const identity = Ed25519KeyIdentity.generate();
  await writeFileAtomically(file, JSON.stringify(identity.toJSON()), 0o600);
  return identity;
}
