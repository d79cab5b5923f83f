import { sha256 } from '../sha256.ts';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';

/** Hash-tree nodes exactly as they are CBOR-encoded in a certificate (spec "Certification"). */
export type HashTree =
  | readonly [0]
  | readonly [1, HashTree, HashTree]
  | readonly [2, Uint8Array, HashTree]
  | readonly [3, Uint8Array]
  | readonly [4, Uint8Array];

export const EMPTY: HashTree = [0];

export function fork(left: HashTree, right: HashTree): HashTree {
  return [1, left, right];
}

export function labeled(label: Uint8Array, subtree: HashTree): HashTree {
  return [2, label, subtree];
}

export function leaf(value: Uint8Array): HashTree {
  return [3, value];
}

export function pruned(hash: Uint8Array): HashTree {
  return [4, hash];
}

/** `byte(len s) ‖ s`, the prefix every IC domain-separated hash starts with. */
export function domainSeparator(name: string): Uint8Array {
  const ascii = utf8ToBytes(name);
  return concatBytes(Uint8Array.of(ascii.length), ascii);
}

const EMPTY_SEP = domainSeparator('ic-hashtree-empty');
const FORK_SEP = domainSeparator('ic-hashtree-fork');
const LABELED_SEP = domainSeparator('ic-hashtree-labeled');
const LEAF_SEP = domainSeparator('ic-hashtree-leaf');

/** The root hash of a tree; pruned nodes stand for their hash. */
export function reconstruct(tree: HashTree): Uint8Array {
  switch (tree[0]) {
    case 0:
      return sha256(EMPTY_SEP);
    case 1:
      return sha256(concatBytes(FORK_SEP, reconstruct(tree[1]), reconstruct(tree[2])));
    case 2:
      return sha256(concatBytes(LABELED_SEP, tree[1], reconstruct(tree[2])));
    case 3:
      return sha256(concatBytes(LEAF_SEP, tree[1]));
    case 4:
      return tree[1];
  }
}
