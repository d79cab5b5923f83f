import { describe, expect, it } from 'vitest';
import { lookup_path, LookupPathStatus } from '@dfinity/agent';
import { sha256 } from '@noble/hashes/sha2';
import { compareBytes, toHex } from '../bytes.ts';
import { leaf, reconstruct, type HashTree } from './hash-tree.ts';
import {
  trieDelete,
  trieGet,
  trieHash,
  trieReveal,
  trieRevealAll,
  trieSet,
  type LabelTrie,
} from './label-trie.ts';

type Trie = LabelTrie<Uint8Array>;
const valueHash = (value: Uint8Array) => reconstruct(leaf(value));
const revealValue = (_: Uint8Array, value: Uint8Array) => leaf(value);
const id = (n: number) => sha256(Uint8Array.of(n & 0xff, n >> 8, 7));
const valueOf = (n: number) => new TextEncoder().encode(`status ${n}`);

type Search = 'found' | 'absent' | 'unknown' | 'less' | 'greater';

/** The spec's lookup of one label: `less` or `greater` than every revealed label is absent. */
function lookUp(label: Uint8Array, tree: HashTree): 'found' | 'absent' | 'unknown' {
  const found = findLabel(label, tree);
  return found === 'less' || found === 'greater' ? 'absent' : found;
}

/**
 * The spec's `find_label` with byte-wise order. agent-js's own comparison is not lexicographic
 * (any greater byte counts), so it cannot judge absence proofs.
 */
function findLabel(label: Uint8Array, tree: HashTree): Search {
  switch (tree[0]) {
    case 2: {
      const order = compareBytes(label, tree[1]);
      return order === 0 ? 'found' : order < 0 ? 'less' : 'greater';
    }
    case 1: {
      const left = findLabel(label, tree[1]);
      if (left === 'greater' || left === 'unknown') {
        const right = findLabel(label, tree[2]);
        if (right === 'less') return left === 'greater' ? 'absent' : 'unknown';
        return right;
      }
      return left;
    }
    case 4:
      return 'unknown';
    default:
      return 'absent';
  }
}

/** mulberry32: a seeded order, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build(numbers: readonly number[]): Trie {
  let trie: Trie;
  for (const n of numbers) trie = trieSet(trie, id(n), valueOf(n));
  return trie;
}

function shuffled(numbers: readonly number[], seed: number): number[] {
  const next = random(seed);
  const copy = [...numbers];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const numbers = Array.from({ length: 300 }, (_, n) => n);

describe('label trie', () => {
  it('has one hash per set of labels, whatever the order of inserts and deletes', () => {
    const expected = toHex(trieHash(build(numbers), valueHash));
    for (const seed of [1, 2, 3]) {
      expect(toHex(trieHash(build(shuffled(numbers, seed)), valueHash))).toBe(expected);
    }
    let trie = build([...numbers, 1000, 1001]);
    trie = trieDelete(trieDelete(trie, id(1001)), id(1000));
    expect(toHex(trieHash(trie, valueHash))).toBe(expected);
  });

  it('leaves an older root and its hash untouched by later changes', () => {
    const older = build(numbers.slice(0, 100));
    const olderHash = toHex(trieHash(older, valueHash));
    let newer = trieSet(older, id(5), valueOf(555));
    newer = trieDelete(trieSet(newer, id(400), valueOf(400)), id(6));
    expect(toHex(trieHash(older, valueHash))).toBe(olderHash);
    expect(trieGet(older, id(5))).toEqual(valueOf(5));
    expect(trieGet(newer, id(5))).toEqual(valueOf(555));
    expect(trieGet(newer, id(6))).toBeUndefined();
    expect(toHex(trieHash(newer, valueHash))).not.toBe(olderHash);
  });

  it('reveals present labels to agent-js lookups under the same root hash', () => {
    const trie = build(numbers);
    const root = toHex(trieHash(trie, valueHash));
    for (const n of [0, 17, 299]) {
      const tree = trieReveal(trie, [id(n)], revealValue, valueHash);
      expect(toHex(reconstruct(tree))).toBe(root);
      const found = lookup_path([id(n)], tree as never);
      expect(found.status).toBe(LookupPathStatus.Found);
      expect('value' in found && found.value).toEqual(valueOf(n));
      expect(lookUp(id(n), tree)).toBe('found');
      // Other labels stay hidden: unknown, not absent.
      expect(lookUp(id(n === 0 ? 1 : 0), tree)).toBe('unknown');
    }
    expect(toHex(reconstruct(trieRevealAll(trie, revealValue)))).toBe(root);
  });

  it('proves an absent label absent, whatever its length or place in the order', () => {
    const trie = build(numbers);
    const root = toHex(trieHash(trie, valueHash));
    const absent = [
      ...Array.from({ length: 50 }, (_, n) => id(5000 + n)),
      new Uint8Array(32),
      new Uint8Array(32).fill(0xff),
      Uint8Array.of(0x80),
      new Uint8Array(40).fill(0x42),
    ];
    for (const label of absent) {
      const tree = trieReveal(trie, [label], revealValue, valueHash);
      expect(toHex(reconstruct(tree))).toBe(root);
      expect(lookUp(label, tree)).toBe('absent');
    }
  });

  it('reveals several labels at once and an empty level as empty', () => {
    const trie = build(numbers);
    const tree = trieReveal(trie, [id(3), id(250), id(9999)], revealValue, valueHash);
    expect(lookup_path([id(3)], tree as never).status).toBe(LookupPathStatus.Found);
    expect(lookup_path([id(250)], tree as never).status).toBe(LookupPathStatus.Found);
    expect(lookUp(id(9999), tree)).toBe('absent');
    expect(trieReveal(undefined, [id(1)], revealValue, valueHash)).toEqual([0]);
    expect(lookUp(id(1), [0])).toBe('absent');
  });

  it('refuses a label of another length than the ones it holds', () => {
    expect(() => trieSet(build([1]), Uint8Array.of(1, 2), valueOf(1))).toThrow(/32-byte labels/);
  });
});
