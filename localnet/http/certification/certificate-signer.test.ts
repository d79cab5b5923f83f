import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381';
import { concatBytes } from '@noble/hashes/utils';
import { domainSeparator } from './hash-tree.ts';
import { signStateRoot } from './certificate-signer.ts';

describe('state root signature', () => {
  it('signs the separated root, as an unmodified verifier checks it', () => {
    const secretKey = bls12_381.utils.randomSecretKey();
    const publicKey = bls12_381.shortSignatures.getPublicKey(secretKey);
    const root = crypto.getRandomValues(new Uint8Array(32));
    const signature = signStateRoot(root, secretKey);
    const message = concatBytes(domainSeparator('ic-state-root'), root);
    expect(bls12_381.verifyShortSignature(signature, message, publicKey)).toBe(true);
    expect(bls12_381.verifyShortSignature(signature, root, publicKey)).toBe(false);
  });
});
