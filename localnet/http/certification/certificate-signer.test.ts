import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381';
import { concatBytes } from '@noble/hashes/utils';
import { toHex } from '../bytes.ts';
import { domainSeparator } from './hash-tree.ts';
import { signStateRoot } from './certificate-signer.ts';

describe('state root signature', () => {
  it('equals the library signature and verifies against the public key', () => {
    const short = bls12_381.shortSignatures;
    const largerY = new Set<boolean>();
    for (let n = 0; n < 24; n++) {
      const secretKey = bls12_381.utils.randomPrivateKey();
      const root = crypto.getRandomValues(new Uint8Array(32));
      const message = concatBytes(domainSeparator('ic-state-root'), root);
      const signature = signStateRoot(root, secretKey);
      expect(toHex(signature)).toBe(
        toHex(short.sign(short.hash(message), secretKey).toBytes(true)),
      );
      expect(
        bls12_381.verifyShortSignature(signature, message, short.getPublicKey(secretKey)),
      ).toBe(true);
      largerY.add((signature[0]! & 0x20) !== 0);
    }
    // Both signs of y were encoded (a miss has odds of 2^-23).
    expect(largerY.size).toBe(2);
  });
});
