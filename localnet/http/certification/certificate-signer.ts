import { bls12_381 } from '@noble/curves/bls12-381';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils';
import { concatBytes } from '@noble/hashes/utils';
import { encodeCbor } from '../cbor.ts';
import { domainSeparator, reconstruct, type HashTree } from './hash-tree.ts';

const STATE_ROOT_SEPARATOR = domainSeparator('ic-state-root');

/** Signs `"\x0Dic-state-root" ‖ root` with a BLS short signature and encodes the certificate. */
export function signCertificate(tree: HashTree, rootSecretKey: Uint8Array): Uint8Array {
  return encodeCbor({ tree, signature: signStateRoot(reconstruct(tree), rootSecretKey) });
}

/**
 * The BLS signature of a state tree's root hash; any pruning of that tree carries it. The same
 * signature as `shortSignatures.sign`, computed with the variable-time multiplication: that
 * is about 40 % cheaper per round, and a test network's key needs no constant-time guard.
 */
export function signStateRoot(root: Uint8Array, rootSecretKey: Uint8Array): Uint8Array {
  const message = concatBytes(STATE_ROOT_SEPARATOR, root);
  const point = bls12_381.shortSignatures.hash(message);
  return compressG1(point.multiplyUnsafe(bytesToNumberBE(rootSecretKey)));
}

type G1Point = ReturnType<typeof bls12_381.shortSignatures.hash>;
const FIELD_ORDER = bls12_381.fields.Fp.ORDER;

/**
 * The 48-byte compressed encoding: x, with the compression, infinity and larger-y flags in the
 * top bits. `toBytes` would first check that the point is in the subgroup, a tenth of a
 * round's cost; hashing to the curve already cleared the cofactor, so it always is.
 */
function compressG1(point: G1Point): Uint8Array {
  if (point.is0()) {
    const infinity = new Uint8Array(48);
    infinity[0] = 0xc0;
    return infinity;
  }
  const { x, y } = point.toAffine();
  const bytes = numberToBytesBE(x, 48);
  bytes[0]! |= 0x80 | (2n * y > FIELD_ORDER ? 0x20 : 0);
  return bytes;
}
