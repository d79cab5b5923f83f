import mcl, { type Fp, type G1, type G2 } from 'mcl-wasm';
import { hash_to_field } from '@noble/curves/abstract/hash-to-curve';
import { bls12_381 } from '@noble/curves/bls12-381';
import { numberToBytesBE } from '@noble/curves/utils';
import { sha256 } from '@noble/hashes/sha2';
import { hexToBytes } from '@noble/hashes/utils';

/**
 * The IC's BLS signatures (BLS12-381, signature in G1, public key in G2, hashed to G1 with the
 * `_NUL_` suite) through mcl's WebAssembly build: a signature costs ~0.5 ms and a verification
 * ~5 ms here, against ~7 ms and ~40 ms with @noble/curves. Every certification round signs one
 * and every client checks one, so this is most of a round's cost on both sides.
 */
const HASH_TO_G1 = {
  DST: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
  p: bls12_381.fields.Fp.ORDER,
  m: 1,
  k: 128,
  expand: 'xmd',
  hash: sha256,
} as const;

/** The standard generator of G2, compressed (decoding it is cheaper than noble's validating encoder). */
export const G2_GENERATOR = hexToBytes(
  '93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e' +
    '024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8',
);

await mcl.init(mcl.BLS12_381);
// Zcash/IETF point encodings, the hash-to-curve maps of RFC 9380, and subgroup checks on every
// decoded point (a verification must not accept a point outside the subgroup).
mcl.setETHserialization(true);
mcl.setMapToMode(mcl.IRTF);
mcl.verifyOrderG1(true);
mcl.verifyOrderG2(true);
const negatedG2Generator = new mcl.PrecomputedG2(mcl.neg(g2Point(G2_GENERATOR)));

/**
 * RFC 9380 `hash_to_curve` for G1: the field elements come from noble's `hash_to_field`; mcl
 * maps each to the curve and clears the cofactor (a linear map, so the sum is the same point).
 */
function hashToG1(message: Uint8Array): G1 {
  const [[u0], [u1]] = hash_to_field(message, 2, HASH_TO_G1) as [[bigint], [bigint]];
  return mcl.add(fieldElement(u0).mapToG1(), fieldElement(u1).mapToG1());
}

function fieldElement(value: bigint): Fp {
  const element = new mcl.Fp();
  element.setBigEndianMod(numberToBytesBE(value, 48));
  return element;
}

function g2Point(bytes: Uint8Array): G2 {
  const point = new mcl.G2();
  point.deserialize(bytes);
  return point;
}

function scalarOf(secretKey: Uint8Array) {
  const scalar = new mcl.Fr();
  scalar.setBigEndianMod(secretKey);
  return scalar;
}

/** The 48-byte compressed signature of `message` under a 32-byte big-endian secret key. */
export function blsSign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return mcl.mul(hashToG1(message), scalarOf(secretKey)).serialize();
}

/** The 96-byte compressed public key (in G2) of a 32-byte big-endian secret key. */
export function blsPublicKey(secretKey: Uint8Array): Uint8Array {
  return mcl.mul(g2Point(G2_GENERATOR), scalarOf(secretKey)).serialize();
}

/** Whether `signature` (48 bytes) signs `message` under `publicKey` (96 bytes, compressed). */
export function blsVerify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  let sigma: G1;
  let key: G2;
  try {
    sigma = new mcl.G1();
    sigma.deserialize(signature);
    key = g2Point(publicKey);
  } catch {
    return false; // not a point of the subgroup, or not an encoding at all
  }
  if (key.isZero()) return false;
  // e(σ, −g2) · e(H(m), pk) = 1, with one final exponentiation for both pairings.
  const product = mcl.precomputedMillerLoop2mixed(
    hashToG1(message),
    key,
    sigma,
    negatedG2Generator,
  );
  return mcl.finalExp(product).isOne();
}
