import { compareBytes, toHex } from '../bytes.ts';
import { EMPTY, fork, labeled, leaf, pruned, reconstruct, type HashTree } from './hash-tree.ts';
import { trieHash, trieReveal, trieRevealAll, type LabelTrie } from './label-trie.ts';

/**
 * The certified state as plain data: a leaf value, labelled children, or a large level kept
 * in a label trie (request statuses), whose hashes are remembered across rounds.
 * Labels need not be given in order; they are sorted byte-wise when hashed.
 */
export type LabeledTree =
  | { readonly value: Uint8Array }
  | { readonly children: readonly LabeledChild[] }
  | { readonly trie: LabelTrie<LabeledTree> };
export type LabeledChild = readonly [label: Uint8Array, subtree: LabeledTree];

/** A requested path: a list of labels, matched as a prefix of state paths. */
export type TreePath = readonly Uint8Array[];

export function leafNode(value: Uint8Array): LabeledTree {
  return { value };
}

export function node(children: readonly LabeledChild[]): LabeledTree {
  return { children };
}

/** The whole tree, nothing pruned. */
export function toHashTree(tree: LabeledTree): HashTree {
  return pruneToPaths(tree, [[]]);
}

/**
 * Reveals every value whose path has one of `paths` as a prefix, and prunes the rest.
 * When a requested label is missing at some level, that level keeps all its labels
 * (their subtrees pruned) so the absence can be proven.
 */
export function pruneToPaths(tree: LabeledTree, paths: readonly TreePath[]): HashTree {
  if (paths.some((path) => path.length === 0)) return reveal(tree);
  if ('value' in tree) return pruned(reconstruct(leaf(tree.value)));
  if ('trie' in tree) {
    const labels = [...new Map(paths.map((p) => [toHex(p[0]!), p[0]!])).values()];
    const below = (label: Uint8Array) =>
      paths.filter((p) => compareBytes(p[0], label) === 0).map((p) => p.slice(1));
    return trieReveal(
      tree.trie,
      labels,
      (label, subtree) => pruneToPaths(subtree, below(label)),
      subtreeHash,
    );
  }
  const children = sortedChildren(tree.children);
  const wanted = (label: Uint8Array) => paths.filter((p) => compareBytes(p[0], label) === 0);
  const proveAbsence = paths.some(
    (p) => !children.some(([label]) => compareBytes(label, p[0]) === 0),
  );
  const parts = children.map(([label, subtree]) => {
    const below = wanted(label).map((p) => p.slice(1));
    if (below.length > 0) return labeled(label, pruneToPaths(subtree, below));
    return proveAbsence
      ? labeled(label, pruned(subtreeHash(subtree)))
      : pruned(labeledHash(label, subtree));
  });
  return mergePruned(balancedForks(parts));
}

/**
 * Subtrees are immutable, so their hashes are remembered: a request status is hashed once,
 * not on every certificate. Computed without building the hash tree.
 */
const hashes = new WeakMap<LabeledTree, Uint8Array>();

export function subtreeHash(tree: LabeledTree): Uint8Array {
  let hash = hashes.get(tree);
  if (!hash) {
    if ('value' in tree) hash = reconstruct(leaf(tree.value));
    else if ('trie' in tree) hash = trieHash(tree.trie, subtreeHash);
    else {
      hash = forkHash(
        sortedChildren(tree.children).map(([label, child]) => labeledHash(label, child)),
      );
    }
    hashes.set(tree, hash);
  }
  return hash;
}

/** The hash of `labeled(label, subtree)`, remembered per subtree (each sits under one label). */
const labeledHashes = new WeakMap<LabeledTree, { label: Uint8Array; hash: Uint8Array }>();

function labeledHash(label: Uint8Array, subtree: LabeledTree): Uint8Array {
  const known = labeledHashes.get(subtree);
  if (known && compareBytes(known.label, label) === 0) return known.hash;
  const hash = reconstruct(labeled(label, pruned(subtreeHash(subtree))));
  labeledHashes.set(subtree, { label, hash });
  return hash;
}

/** Root hash of `balancedForks` over parts known only by their hashes. */
function forkHash(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return reconstruct(EMPTY);
  if (parts.length === 1) return parts[0];
  const middle = Math.ceil(parts.length / 2);
  return reconstruct(
    fork(pruned(forkHash(parts.slice(0, middle))), pruned(forkHash(parts.slice(middle)))),
  );
}

function reveal(tree: LabeledTree): HashTree {
  if ('value' in tree) return leaf(tree.value);
  if ('trie' in tree) return trieRevealAll(tree.trie, (_, subtree) => reveal(subtree));
  const parts = sortedChildren(tree.children).map(([label, subtree]) =>
    labeled(label, reveal(subtree)),
  );
  return balancedForks(parts);
}

function sortedChildren(children: readonly LabeledChild[]): LabeledChild[] {
  return [...children].sort((a, b) => compareBytes(a[0], b[0]));
}

function balancedForks(parts: readonly HashTree[]): HashTree {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0];
  const middle = Math.ceil(parts.length / 2);
  return fork(balancedForks(parts.slice(0, middle)), balancedForks(parts.slice(middle)));
}

/** A fork of two pruned nodes carries no information: fold it into one pruned hash. */
function mergePruned(tree: HashTree): HashTree {
  if (tree[0] !== 1) return tree;
  const left = mergePruned(tree[1]);
  const right = mergePruned(tree[2]);
  const folded = fork(left, right);
  return left[0] === 4 && right[0] === 4 ? pruned(reconstruct(folded)) : folded;
}
