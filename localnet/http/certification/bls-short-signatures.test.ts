import { describe, expect, it } from 'vitest';
import { bls12_381 } from '@noble/curves/bls12-381';
import { toHex } from '../bytes.ts';
import { blsPublicKey, blsSign, blsVerify, G2_GENERATOR } from './bls-short-signatures.ts';

const short = bls12_381.shortSignatures;

function keyPair() {
  const secretKey = bls12_381.utils.randomSecretKey();
  return { secretKey, publicKey: short.getPublicKey(secretKey).toBytes(true) };
}

describe('BLS short signatures (mcl)', () => {
  it('sign exactly as @noble/curves does with the IC suite, and verify against noble', () => {
    const largerY = new Set<boolean>();
    for (let n = 0; n < 24; n++) {
      const { secretKey, publicKey } = keyPair();
      const message = crypto.getRandomValues(new Uint8Array(1 + n * 7));
      const signature = blsSign(message, secretKey);
      expect(toHex(signature)).toBe(
        toHex(short.sign(short.hash(message), secretKey).toBytes(true)),
      );
      expect(bls12_381.verifyShortSignature(signature, message, publicKey)).toBe(true);
      largerY.add((signature[0]! & 0x20) !== 0);
    }
    // Both signs of y were encoded (a miss has odds of 2^-23).
    expect(largerY.size).toBe(2);
  });

  it('derive the public key exactly as @noble/curves does', () => {
    for (let n = 0; n < 8; n++) {
      const { secretKey, publicKey } = keyPair();
      expect(toHex(blsPublicKey(secretKey))).toBe(toHex(publicKey));
    }
  });

  it('use the standard generator of G2', () => {
    expect(toHex(G2_GENERATOR)).toBe(toHex(bls12_381.G2.Point.BASE.toBytes(true)));
  });

  it('accept a valid signature and refuse another message, key or signature', () => {
    const { secretKey, publicKey } = keyPair();
    const message = new TextEncoder().encode('\x0Dic-state-root and a root hash');
    const signature = blsSign(message, secretKey);
    expect(blsVerify(signature, message, publicKey)).toBe(true);

    const otherMessage = message.slice();
    otherMessage[5]! ^= 1;
    expect(blsVerify(signature, otherMessage, publicKey)).toBe(false);
    expect(blsVerify(signature, message, keyPair().publicKey)).toBe(false);
    expect(blsVerify(blsSign(otherMessage, secretKey), message, publicKey)).toBe(false);
  });

  it('refuse encodings that are not points of the subgroups, without throwing', () => {
    const { secretKey, publicKey } = keyPair();
    const message = Uint8Array.of(1, 2, 3);
    const signature = blsSign(message, secretKey);
    expect(blsVerify(signature.subarray(0, 47), message, publicKey)).toBe(false);
    expect(blsVerify(signature, message, publicKey.subarray(1))).toBe(false);
    const notOnCurve = signature.slice();
    notOnCurve[47]! ^= 1;
    expect(blsVerify(notOnCurve, message, publicKey)).toBe(false);

    // The point at infinity as key and signature would satisfy the pairing equation for any message.
    const infinityKey = new Uint8Array(96);
    infinityKey[0] = 0xc0;
    const infinitySignature = new Uint8Array(48);
    infinitySignature[0] = 0xc0;
    expect(blsVerify(infinitySignature, message, infinityKey)).toBe(false);

    // A point of the curve outside the prime-order subgroup is refused as well.
    const outside = bls12_381.G1.Point.fromAffine(onCurveOutsideSubgroup());
    expect(outside.isTorsionFree()).toBe(false);
    const encoded = new Uint8Array(48);
    encoded.set(bls12_381.fields.Fp.toBytes(outside.toAffine().x));
    encoded[0]! |= 0x80 | (2n * outside.toAffine().y > bls12_381.fields.Fp.ORDER ? 0x20 : 0);
    expect(blsVerify(encoded, message, publicKey)).toBe(false);
  });
});

/** The first point with a small x on y² = x³ + 4 that is not in G1. */
function onCurveOutsideSubgroup() {
  const Fp = bls12_381.fields.Fp;
  for (let x = 1n; ; x++) {
    const rhs = Fp.add(Fp.pow(x, 3n), 4n);
    let y: bigint;
    try {
      y = Fp.sqrt(rhs);
    } catch {
      continue;
    }
    const point = bls12_381.G1.Point.fromAffine({ x, y });
    if (!point.isTorsionFree()) return { x, y };
  }
}
