import { concatBytes } from '@noble/hashes/utils';
import { encodeCbor } from '../cbor.ts';
import { blsSign } from './bls-short-signatures.ts';
import { domainSeparator, reconstruct, type HashTree } from './hash-tree.ts';

const STATE_ROOT_SEPARATOR = domainSeparator('ic-state-root');

/** Signs `"\x0Dic-state-root" ‖ root` with a BLS short signature and encodes the certificate. */
export function signCertificate(tree: HashTree, rootSecretKey: Uint8Array): Uint8Array {
  return encodeCbor({ tree, signature: signStateRoot(reconstruct(tree), rootSecretKey) });
}

/** The BLS signature of a state tree's root hash; any pruning of that tree carries it. */
export function signStateRoot(root: Uint8Array, rootSecretKey: Uint8Array): Uint8Array {
  return blsSign(concatBytes(STATE_ROOT_SEPARATOR, root), rootSecretKey);
}
