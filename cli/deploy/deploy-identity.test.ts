import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { identityFromPem, loadDeployIdentity } from './deploy-identity.ts';
import { ed25519Pem, secp256k1Pem } from './testing/test-pems.ts';

let home: string;
const saved = process.env.DFX_CONFIG_ROOT;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'dfx-home-'));
  process.env.DFX_CONFIG_ROOT = home;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.DFX_CONFIG_ROOT;
  else process.env.DFX_CONFIG_ROOT = saved;
  await rm(home, { recursive: true, force: true });
});

async function dfxIdentity(name: string, files: Record<string, string>) {
  const dir = join(home, '.config', 'dfx', 'identity', name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
}

describe('deploy identity', () => {
  it('reads Ed25519 and secp256k1 PEMs into the matching identity, signing as the key', async () => {
    const ed = identityFromPem(ed25519Pem());
    const k1 = identityFromPem(secp256k1Pem());
    expect(ed).toBeInstanceOf(Ed25519KeyIdentity);
    expect(k1).toBeInstanceOf(Secp256k1KeyIdentity);
    const pem = secp256k1Pem();
    expect(identityFromPem(pem).getPrincipal().toText()).toBe(
      identityFromPem(pem).getPrincipal().toText(),
    );
    expect(ed.getPrincipal().toText()).not.toBe(k1.getPrincipal().toText());
    const edPem = ed25519Pem();
    const x = (createPublicKey(edPem).export({ format: 'jwk' }) as { x: string }).x;
    const raw = (identityFromPem(edPem) as Ed25519KeyIdentity).getPublicKey().rawKey;
    expect(Buffer.from(raw).toString('base64url')).toBe(x);
  });

  it("reads a dfx identity's identity.pem by name", async () => {
    const pem = ed25519Pem();
    await dfxIdentity('deployer', { 'identity.pem': pem });
    const identity = await loadDeployIdentity({ identity: 'deployer' });
    expect(identity.getPrincipal().toText()).toBe(identityFromPem(pem).getPrincipal().toText());
  });

  it('tells how to export an encrypted or keyring identity, and names a missing one', async () => {
    await dfxIdentity('locked', { 'identity.pem.encrypted': 'x', 'identity.json': '{}' });
    await dfxIdentity('keyring', { 'identity.json': '{"keyring_identity_suffix":"k"}' });
    await expect(loadDeployIdentity({ identity: 'locked' })).rejects.toThrow(
      /DEPLOY_IDENTITY_ENCRYPTED: .*dfx identity export locked > locked\.pem.*--identity-pem/,
    );
    await expect(loadDeployIdentity({ identity: 'keyring' })).rejects.toThrow(
      /DEPLOY_IDENTITY_KEYRING: .*dfx identity export keyring/,
    );
    await expect(loadDeployIdentity({ identity: 'nobody' })).rejects.toThrow(
      'DEPLOY_IDENTITY_NOT_FOUND',
    );
  });

  it('refuses other key types', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }) as string;
    expect(() => identityFromPem(rsa)).toThrow('DEPLOY_IDENTITY_UNSUPPORTED');
  });
});
