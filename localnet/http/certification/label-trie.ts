import { sha256 } from '../sha256.ts';
import { concatBytes } from '@noble/hashes/utils';
import { compareBytes } from '../bytes.ts';
import { domainSeparator, fork, labeled, pruned, type HashTree } from './hash-tree.ts';

/**
 * A persistent crit-bit trie of equally long labels (request ids) and their subtrees, used as
 * one level of the certified state. The spec leaves the shape of a level's forks free as long as
 * labels stay in order, and a crit-bit trie keeps them in order with the forks at the bits where
 * labels first differ. Nodes never change: an insert copies the path to its leaf (O(log n)), so
 * a signed round keeps its own root while later rounds move on, and every node remembers its
 * hash, so a round rehashes only the paths that changed and a response prunes in O(log n).
 */
export type LabelTrie<T> = TrieLeaf<T> | TrieBranch<T> | undefined;

interface TrieLeaf<T> {
  readonly label: Uint8Array;
  readonly value: T;
  hash?: Uint8Array;
}

interface TrieBranch<T> {
  /** Index of the first bit (most significant first) where the two sides' labels differ. */
  readonly bit: number;
  readonly left: TrieLeaf<T> | TrieBranch<T>;
  readonly right: TrieLeaf<T> | TrieBranch<T>;
  hash?: Uint8Array;
}

type TrieNode<T> = TrieLeaf<T> | TrieBranch<T>;

const FORK_SEP = domainSeparator('ic-hashtree-fork');
const LABELED_SEP = domainSeparator('ic-hashtree-labeled');
const EMPTY_HASH = sha256(domainSeparator('ic-hashtree-empty'));

function isLeaf<T>(node: TrieNode<T>): node is TrieLeaf<T> {
  return 'label' in node;
}

function bitAt(label: Uint8Array, bit: number): 0 | 1 {
  return (((label[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) as 0 | 1;
}

function firstDifferingBit(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const diff = a[i]! ^ b[i]!;
    if (diff !== 0) return i * 8 + Math.clz32(diff) - 24;
  }
  return -1;
}

function closestLeaf<T>(node: TrieNode<T>, label: Uint8Array): TrieLeaf<T> {
  while (!isLeaf(node)) node = bitAt(label, node.bit) === 0 ? node.left : node.right;
  return node;
}

function checkLength<T>(root: TrieNode<T>, label: Uint8Array): void {
  const expected = closestLeaf(root, label).label.length;
  if (label.length !== expected) {
    throw new Error(`label trie holds ${expected}-byte labels, got ${label.length} bytes`);
  }
}

/** A trie with `value` under `label` (replacing any value there); `root` is left unchanged. */
export function trieSet<T>(root: LabelTrie<T>, label: Uint8Array, value: T): LabelTrie<T> {
  if (!root) return { label, value };
  checkLength(root, label);
  const crit = firstDifferingBit(label, closestLeaf(root, label).label);
  const insert = (node: TrieNode<T>): TrieNode<T> => {
    if (crit === -1 && isLeaf(node)) return { label, value };
    if (!isLeaf(node) && (crit === -1 || node.bit < crit)) {
      return bitAt(label, node.bit) === 0
        ? { bit: node.bit, left: insert(node.left), right: node.right }
        : { bit: node.bit, left: node.left, right: insert(node.right) };
    }
    const leaf: TrieLeaf<T> = { label, value };
    return bitAt(label, crit) === 0
      ? { bit: crit, left: leaf, right: node }
      : { bit: crit, left: node, right: leaf };
  };
  return insert(root);
}

/** A trie without `label`; `root` itself when the label is not there. */
export function trieDelete<T>(root: LabelTrie<T>, label: Uint8Array): LabelTrie<T> {
  if (!root || compareBytes(closestLeaf(root, label).label, label) !== 0) return root;
  const remove = (node: TrieNode<T>): TrieNode<T> | undefined => {
    if (isLeaf(node)) return undefined;
    const goLeft = bitAt(label, node.bit) === 0;
    const child = remove(goLeft ? node.left : node.right);
    if (!child) return goLeft ? node.right : node.left;
    return goLeft
      ? { bit: node.bit, left: child, right: node.right }
      : { bit: node.bit, left: node.left, right: child };
  };
  return remove(root);
}

export function trieGet<T>(root: LabelTrie<T>, label: Uint8Array): T | undefined {
  if (!root) return undefined;
  const leaf = closestLeaf(root, label);
  return compareBytes(leaf.label, label) === 0 ? leaf.value : undefined;
}

/** Root hash of the level: its labels' `labeled` nodes joined by the trie's forks. */
export function trieHash<T>(root: LabelTrie<T>, valueHash: (value: T) => Uint8Array): Uint8Array {
  if (!root) return EMPTY_HASH;
  const hashOf = (node: TrieNode<T>): Uint8Array => {
    node.hash ??= isLeaf(node)
      ? sha256(concatBytes(LABELED_SEP, node.label, valueHash(node.value)))
      : sha256(concatBytes(FORK_SEP, hashOf(node.left), hashOf(node.right)));
    return node.hash;
  };
  return hashOf(root);
}

/**
 * The level as a hash tree revealing `labels`: a present label's subtree comes from
 * `revealValue`; an absent one is proven absent by revealing its neighbours' labels
 * (with pruned subtrees). Everything else is pruned to remembered hashes.
 */
export function trieReveal<T>(
  root: LabelTrie<T>,
  labels: readonly Uint8Array[],
  revealValue: (label: Uint8Array, value: T) => HashTree,
  valueHash: (value: T) => Uint8Array,
): HashTree {
  if (!root) return [0];
  const revealed = new Set<TrieLeaf<T>>();
  const labelOnly = new Set<TrieLeaf<T>>();
  for (const label of labels) {
    const leaf = closestLeaf(root, label);
    if (compareBytes(leaf.label, label) === 0) revealed.add(leaf);
    else for (const neighbour of neighbours(root, label)) labelOnly.add(neighbour);
  }
  const wanted = new Set<TrieNode<T>>();
  for (const leaf of [...revealed, ...labelOnly]) markPath(root, leaf, wanted);
  const build = (node: TrieNode<T>): HashTree => {
    if (!wanted.has(node)) return pruned(trieHash(node, valueHash));
    if (!isLeaf(node)) return fork(build(node.left), build(node.right));
    if (revealed.has(node)) return labeled(node.label, revealValue(node.label, node.value));
    return labeled(node.label, pruned(valueHash(node.value)));
  };
  return build(root);
}

/** Marks the nodes from `root` down to `leaf` (found by following the leaf's bits). */
function markPath<T>(root: TrieNode<T>, leaf: TrieLeaf<T>, wanted: Set<TrieNode<T>>): void {
  let node = root;
  for (;;) {
    wanted.add(node);
    if (isLeaf(node)) return;
    node = bitAt(leaf.label, node.bit) === 0 ? node.left : node.right;
  }
}

function leftmost<T>(node: TrieNode<T>): TrieLeaf<T> {
  while (!isLeaf(node)) node = node.left;
  return node;
}

function rightmost<T>(node: TrieNode<T>): TrieLeaf<T> {
  while (!isLeaf(node)) node = node.right;
  return node;
}

/** The present labels just below and just above an absent `label` (of any length). */
function neighbours<T>(root: TrieNode<T>, label: Uint8Array): TrieLeaf<T>[] {
  let below: TrieNode<T> | undefined;
  let above: TrieNode<T> | undefined;
  let node = root;
  while (!isLeaf(node)) {
    if (compareBytes(label, rightmost(node.left).label) <= 0) {
      above = node.right;
      node = node.left;
    } else {
      below = node.left;
      node = node.right;
    }
  }
  if (compareBytes(label, node.label) < 0) above = node;
  else below = node;
  const found: TrieLeaf<T>[] = [];
  if (below) found.push(rightmost(below));
  if (above) found.push(leftmost(above));
  return found;
}

export function trieSize<T>(root: LabelTrie<T>): number {
  if (!root) return 0;
  return isLeaf(root) ? 1 : trieSize(root.left) + trieSize(root.right);
}

/** The whole level, every label's subtree from `revealValue`. */
export function trieRevealAll<T>(
  root: LabelTrie<T>,
  revealValue: (label: Uint8Array, value: T) => HashTree,
): HashTree {
  if (!root) return [0];
  const build = (node: TrieNode<T>): HashTree =>
    isLeaf(node)
      ? labeled(node.label, revealValue(node.label, node.value))
      : fork(build(node.left), build(node.right));
  return build(root);
}
