import { generateKeyPairSync } from 'node:crypto';

/** TEST HELPER: a fresh Ed25519 private key PEM (PKCS#8, as `dfx identity new` writes). */
export function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  }) as string;
}

/** TEST HELPER: a fresh secp256k1 private key PEM (SEC1 "EC PRIVATE KEY", as dfx imports). */
export function secp256k1Pem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  return privateKey.export({ format: 'pem', type: 'sec1' }) as string;
}
