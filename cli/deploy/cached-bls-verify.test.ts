import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381';
import { blsSign } from '../../localnet/http/certification/bls-short-signatures.ts';
import { cachedBlsVerify } from './cached-bls-verify.ts';

describe('cachedBlsVerify', () => {
  it('accepts a repeated valid triple and still checks every new one', () => {
    const secretKey = bls12_381.utils.randomSecretKey();
    const publicKey = bls12_381.shortSignatures.getPublicKey(secretKey).toBytes(true);
    const message = Uint8Array.of(1, 2, 3);
    const signature = blsSign(message, secretKey);
    const verify = cachedBlsVerify();
    expect(verify(publicKey, signature, message)).toBe(true);
    expect(verify(publicKey, signature, message)).toBe(true);
    expect(verify(publicKey, signature, Uint8Array.of(1, 2, 4))).toBe(false);
    const forged = blsSign(message, bls12_381.utils.randomSecretKey());
    expect(verify(publicKey, forged, message)).toBe(false);
    expect(verify(publicKey, forged, message)).toBe(false);
  });
});
