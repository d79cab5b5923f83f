import { ed25519 } from '@noble/curves/ed25519';
import { describe, expect, it } from 'vitest';

import { signAsNode } from './node-signature.ts';

describe('signAsNode', () => {
  it('gives the same signature as the JavaScript Ed25519, which verifies', () => {
    for (let n = 0; n < 5; n++) {
      const secretKey = ed25519.utils.randomSecretKey();
      const message = crypto.getRandomValues(new Uint8Array(64 + n));
      const signature = signAsNode(message, secretKey);
      expect(signature).toEqual(ed25519.sign(message, secretKey));
      expect(ed25519.verify(signature, message, ed25519.getPublicKey(secretKey))).toBe(true);
      expect(signAsNode(message, secretKey)).toEqual(signature); // from the kept key
    }
  });
});
