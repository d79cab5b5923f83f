import { concatBytes } from '@noble/hashes/utils';
import { fromHex, startsWithBytes } from './bytes.ts';

/** SubjectPublicKeyInfo prefixes for the fixed-size keys the IC uses. */
export const BLS_DER_PREFIX = fromHex(
  '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100',
);
export const ED25519_DER_PREFIX = fromHex('302a300506032b6570032100');
export const P256_DER_PREFIX = fromHex('3059301306072a8648ce3d020106082a8648ce3d030107034200');
export const SECP256K1_DER_PREFIX = fromHex('3056301006072a8648ce3d020106052b8104000a034200');

export type SignatureScheme = 'ed25519' | 'ecdsa-p256' | 'ecdsa-secp256k1';

export interface RawPublicKey {
  scheme: SignatureScheme;
  /** Ed25519: 32 bytes; ECDSA: the uncompressed point `04 ‖ x ‖ y` (65 bytes). */
  key: Uint8Array;
}

export function wrapBlsKey(rawKey: Uint8Array): Uint8Array {
  return concatBytes(BLS_DER_PREFIX, rawKey);
}

export function wrapEd25519Key(rawKey: Uint8Array): Uint8Array {
  return concatBytes(ED25519_DER_PREFIX, rawKey);
}

const SCHEMES: ReadonlyArray<{ scheme: SignatureScheme; prefix: Uint8Array; keyLength: number }> = [
  { scheme: 'ed25519', prefix: ED25519_DER_PREFIX, keyLength: 32 },
  { scheme: 'ecdsa-p256', prefix: P256_DER_PREFIX, keyLength: 65 },
  { scheme: 'ecdsa-secp256k1', prefix: SECP256K1_DER_PREFIX, keyLength: 65 },
];

/** Recognises a DER public key of a supported scheme, or returns undefined. */
export function unwrapPublicKey(der: Uint8Array): RawPublicKey | undefined {
  for (const { scheme, prefix, keyLength } of SCHEMES) {
    if (der.length === prefix.length + keyLength && startsWithBytes(der, prefix)) {
      return { scheme, key: der.slice(prefix.length) };
    }
  }
  return undefined;
}
