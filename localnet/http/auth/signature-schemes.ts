import { createPublicKey, verify, type KeyObject } from 'node:crypto';

import { toHex } from '../bytes.ts';
import { unwrapPublicKey } from '../der.ts';
import { unwrapCoseKey, verifyWebAuthn } from './webauthn.ts';

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported-key';

/**
 * Verifies a sender or delegation signature over `message` (domain separator included).
 * Ed25519 signs the message; ECDSA (P-256, secp256k1) signs its SHA-256 as raw `r ‖ s`;
 * WebAuthn (COSE P-256 keys) signs through authenticator data and client data.
 * Ed25519 and ECDSA go through Node's crypto (OpenSSL): ~50× faster than a JavaScript curve,
 * and every request, read_state poll and query carries a signature.
 */
export function verifySignature(
  derKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const key = unwrapPublicKey(derKey);
  const coseKey = key ? undefined : unwrapCoseKey(derKey);
  if (!key && !coseKey) return 'unsupported-key';
  try {
    if (!key) return verifyWebAuthn(coseKey!, message, signature);
    const publicKey = keyObject(derKey);
    switch (key.scheme) {
      case 'ed25519':
        return verify(null, message, publicKey, signature) ? 'valid' : 'invalid';
      case 'ecdsa-p256':
      case 'ecdsa-secp256k1':
        // Raw `r ‖ s`; request signatures are not malleability-sensitive (no low-s rule).
        if (signature.length !== 64) return 'invalid';
        return verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
          ? 'valid'
          : 'invalid';
    }
  } catch {
    return 'invalid';
  }
}

const MAX_CACHED_KEYS = 10_000;
const keyObjects = new Map<string, KeyObject>();

/** Parsed keys by DER, so an agent's requests do not parse its key again each time. */
function keyObject(derKey: Uint8Array): KeyObject {
  const id = toHex(derKey);
  let key = keyObjects.get(id);
  if (!key) {
    if (keyObjects.size >= MAX_CACHED_KEYS) keyObjects.clear();
    key = createPublicKey({ key: Buffer.from(derKey), format: 'der', type: 'spki' });
    keyObjects.set(id, key);
  }
  return key;
}
