import { bls12_381 } from '@noble/curves/bls12-381';
import { bytesToNumberBE } from '@noble/curves/utils';
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
  return point.multiplyUnsafe(bytesToNumberBE(rootSecretKey)).toBytes(true);
}
