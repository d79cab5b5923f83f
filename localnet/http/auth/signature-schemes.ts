import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/nist';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { unwrapPublicKey } from '../der.ts';
import { unwrapCoseKey, verifyWebAuthn } from './webauthn.ts';

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported-key';

/**
 * Verifies a sender or delegation signature over `message` (domain separator included).
 * Ed25519 signs the message; ECDSA (P-256, secp256k1) signs its SHA-256 as raw `r ‖ s`;
 * WebAuthn (COSE P-256 keys) signs through authenticator data and client data.
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
    switch (key.scheme) {
      case 'ed25519':
        return ed25519.verify(signature, message, key.key) ? 'valid' : 'invalid';
      case 'ecdsa-p256':
        return verifyEcdsa(p256, signature, message, key.key);
      case 'ecdsa-secp256k1':
        return verifyEcdsa(secp256k1, signature, message, key.key);
    }
  } catch {
    return 'invalid';
  }
}

interface EcdsaCurve {
  verify(
    signature: Uint8Array,
    messageHash: Uint8Array,
    publicKey: Uint8Array,
    options: { prehash: boolean; lowS: boolean; format: 'compact' },
  ): boolean;
}

function verifyEcdsa(
  curve: EcdsaCurve,
  signature: Uint8Array,
  message: Uint8Array,
  key: Uint8Array,
): SignatureCheck {
  if (signature.length !== 64) return 'invalid';
  // Request signatures are not malleability-sensitive, and WebCrypto does not normalise s.
  const options = { prehash: false, lowS: false, format: 'compact' } as const;
  return curve.verify(signature, sha256(message), key, options) ? 'valid' : 'invalid';
}
