import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { SignIdentity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';

/** dfx's identity store: `~/.config/dfx/identity/<name>/identity.pem` (DFX_CONFIG_ROOT moves `~`). */
export function dfxIdentityDir(name: string): string {
  const root = process.env.DFX_CONFIG_ROOT ?? homedir();
  return join(root, '.config', 'dfx', 'identity', name);
}

/** The identity `dfx identity use` selected (`~/.config/dfx/identity.json`), else `default`. */
export function selectedDfxIdentity(): string {
  const root = process.env.DFX_CONFIG_ROOT ?? homedir();
  const file = join(root, '.config', 'dfx', 'identity.json');
  if (!existsSync(file)) return 'default';
  const chosen = (JSON.parse(readFileSync(file, 'utf8')) as { default?: string }).default;
  return chosen ?? 'default';
}

export class DeployIdentityError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * The deployer's key: a dfx identity by name (`--identity`) or a PEM file (`--identity-pem`).
 * Ed25519 (PKCS#8, what `dfx identity new` writes) and secp256k1 (SEC1, what dfx imports from
 * other tools) keys are read; an encrypted or keyring identity has no plain PEM to read, and the
 * error says how to export one. The key is only read, never copied anywhere.
 */
export async function loadDeployIdentity(source: {
  identity?: string;
  identityPem?: string;
}): Promise<SignIdentity> {
  if (source.identityPem !== undefined) return identityFromPem(await readPem(source.identityPem));
  const name = source.identity ?? selectedDfxIdentity();
  const dir = dfxIdentityDir(name);
  const pem = join(dir, 'identity.pem');
  if (existsSync(pem)) return identityFromPem(await readPem(pem));
  const exportHint =
    `export it once with \`dfx identity export ${name} > ${name}.pem\` (keep that file out of ` +
    `the repository, e.g. chmod 600 in your home folder) and pass --identity-pem ${name}.pem`;
  if (existsSync(join(dir, 'identity.pem.encrypted'))) {
    throw new DeployIdentityError(
      'DEPLOY_IDENTITY_ENCRYPTED',
      `dfx identity "${name}" is password-protected; ${exportHint}`,
    );
  }
  if (existsSync(join(dir, 'identity.json'))) {
    throw new DeployIdentityError(
      'DEPLOY_IDENTITY_KEYRING',
      `dfx identity "${name}" keeps its key in the system keyring or a hardware wallet; ${exportHint}`,
    );
  }
  throw new DeployIdentityError(
    'DEPLOY_IDENTITY_NOT_FOUND',
    `expected dfx identity "${name}" at ${pem}; found nothing (dfx identity list shows yours)`,
  );
}

async function readPem(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const found = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DeployIdentityError('DEPLOY_IDENTITY_NOT_FOUND', `cannot read ${file} (${found})`);
  }
}

export function identityFromPem(pem: string): SignIdentity {
  if (pem.includes('ENCRYPTED')) {
    throw new DeployIdentityError(
      'DEPLOY_IDENTITY_ENCRYPTED',
      'the PEM is encrypted; export a plain one with `dfx identity export <name>`',
    );
  }
  let jwk: { crv?: string; d?: string };
  let type: string | undefined;
  try {
    const key = createPrivateKey(pem);
    type = key.asymmetricKeyType;
    jwk = key.export({ format: 'jwk' }) as { crv?: string; d?: string };
  } catch (error) {
    throw new DeployIdentityError(
      'DEPLOY_IDENTITY_UNREADABLE',
      `expected an Ed25519 or secp256k1 private key PEM; ${(error as Error).message}`,
    );
  }
  const secret = new Uint8Array(Buffer.from(jwk.d ?? '', 'base64url'));
  if (type === 'ed25519') return Ed25519KeyIdentity.fromSecretKey(secret);
  if (type === 'ec' && jwk.crv === 'secp256k1') return Secp256k1KeyIdentity.fromSecretKey(secret);
  throw new DeployIdentityError(
    'DEPLOY_IDENTITY_UNSUPPORTED',
    `expected an Ed25519 or secp256k1 key; found ${type}${jwk.crv ? ` (${jwk.crv})` : ''}`,
  );
}
