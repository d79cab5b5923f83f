import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { concatBytes } from '@noble/hashes/utils';
import { fromHex } from '../bytes.ts';
import { Secp256k1TestIdentity } from '../testing/secp256k1-test-identity.ts';
import { WebAuthnTestIdentity } from '../testing/webauthn-test-identity.ts';
import { verifySignature } from './signature-schemes.ts';

const message = new TextEncoder().encode('\x0Aic-request and some request id');
const COSE_DER_START = fromHex('305e300c060a2b0601040183b8430101034e00');

describe('sender signature schemes', () => {
  it('verifies each supported scheme and refuses a signature over another message', async () => {
    for (const identity of [
      Ed25519KeyIdentity.generate(),
      new Secp256k1TestIdentity(),
      new WebAuthnTestIdentity(),
    ]) {
      const der = identity.getPublicKey().toDer();
      const signature = await identity.sign(message);
      expect(verifySignature(der, message, signature)).toBe('valid');
      expect(verifySignature(der, concatBytes(message, Uint8Array.of(0)), signature)).toBe(
        'invalid',
      );
    }
  });

  it('reports keys it does not know as unsupported', () => {
    expect(verifySignature(fromHex('3000'), message, new Uint8Array(64))).toBe('unsupported-key');
  });

  it('never throws, whatever the key and signature bytes', () => {
    const keys = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      fc.uint8Array({ maxLength: 80 }).map((tail) => concatBytes(COSE_DER_START, tail)),
    );
    fc.assert(
      fc.property(keys, fc.uint8Array({ maxLength: 200 }), (key, signature) => {
        expect(['valid', 'invalid', 'unsupported-key']).toContain(
          verifySignature(key, message, signature),
        );
      }),
      { numRuns: 400 },
    );
  });
});
