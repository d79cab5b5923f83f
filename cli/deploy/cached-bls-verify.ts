import { bytesToHex } from '@noble/hashes/utils';
import { blsVerify } from '../../localnet/http/certification/bls-short-signatures.ts';

/**
 * A BLS verifier for `@dfinity/agent` that checks each (key, signature, message) once. Every
 * reply certified in one round carries the same signature over the same state root, so a client
 * making many calls needs one pairing per round, not one per call. Still a full check: a new
 * signature or root is verified, and a failed check is never cached.
 */
export function cachedBlsVerify(): (pk: Uint8Array, sig: Uint8Array, msg: Uint8Array) => boolean {
  const verified = new Set<string>();
  return (pk, sig, msg) => {
    const key = `${bytesToHex(pk)}|${bytesToHex(sig)}|${bytesToHex(msg)}`;
    if (verified.has(key)) return true;
    const ok = blsVerify(sig, msg, pk);
    if (ok) {
      if (verified.size > 10_000) verified.clear();
      verified.add(key);
    }
    return ok;
  };
}
