import { describe, expect, it } from 'vitest';
import { lookup_path, LookupPathStatus } from '@dfinity/agent';
import { decodeCbor } from '../cbor.ts';
import { fromHex, toHex } from '../bytes.ts';
import { reconstruct, type HashTree } from './hash-tree.ts';
import {
  leafNode,
  node,
  pruneToPaths,
  subtreeHash,
  toHashTree,
  type LabeledTree,
} from './labeled-tree.ts';

const text = (s: string) => new TextEncoder().encode(s);

// The tree of the spec's "Certification / Example" section.
const SPEC_TREE_CBOR =
  '8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162820344676f6f648301830241638100830241648203476d6f726e696e67';
const SPEC_PRUNED_CBOR =
  '83018301830241618301820458201b4feff9bef8131788b0c9dc6dbad6e81e524249c879e9f10f71ce3749f5a63883024179820345776f726c6483024162820458207b32ac0c6ba8ce35ac82c255fc7906f7fc130dab2a090f80fe12f9c2cae83ba6830182045820ec8324b8a1f1ac16bd2e806edba78006479c9877fed4eb464a25485465af601d830241648203476d6f726e696e67';
const SPEC_ROOT = 'eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0';

const state: LabeledTree = node([
  [text('d'), leafNode(text('morning'))],
  [
    text('a'),
    node([
      [text('x'), leafNode(text('hello'))],
      [text('y'), leafNode(text('world'))],
    ]),
  ],
  [text('c'), node([])],
  [text('b'), leafNode(text('good'))],
]);

describe('hash tree', () => {
  it('reconstructs the spec example root hash, full and pruned', () => {
    expect(toHex(reconstruct(decodeCbor(fromHex(SPEC_TREE_CBOR)) as HashTree))).toBe(SPEC_ROOT);
    expect(toHex(reconstruct(decodeCbor(fromHex(SPEC_PRUNED_CBOR)) as HashTree))).toBe(SPEC_ROOT);
  });

  it('keeps the root hash when pruning', () => {
    const full = reconstruct(toHashTree(state));
    const prunedTree = pruneToPaths(state, [[text('a'), text('y')], [text('d')]]);
    expect(toHex(reconstruct(prunedTree))).toBe(toHex(full));
  });

  it('computes remembered subtree hashes equal to the full tree root', () => {
    expect(toHex(subtreeHash(state))).toBe(toHex(reconstruct(toHashTree(state))));
    expect(toHex(subtreeHash(state))).toBe(toHex(subtreeHash(state)));
    const many = node(
      Array.from({ length: 7 }, (_, i) => [text(`k${i}`), leafNode(text(`v${i}`))] as const),
    );
    expect(toHex(subtreeHash(many))).toBe(toHex(reconstruct(toHashTree(many))));
  });

  it('reveals requested paths and hides the rest (agent lookups)', () => {
    const tree = pruneToPaths(state, [[text('a'), text('y')], [text('d')]]) as never;
    const y = lookup_path(['a', 'y'], tree);
    expect(y.status).toBe(LookupPathStatus.Found);
    expect(
      new TextDecoder().decode(y.status === LookupPathStatus.Found ? y.value : undefined),
    ).toBe('world');
    expect(lookup_path(['d'], tree).status).toBe(LookupPathStatus.Found);
    expect(lookup_path(['a', 'x'], tree).status).toBe(LookupPathStatus.Unknown);
    expect(lookup_path(['b'], tree).status).toBe(LookupPathStatus.Unknown);
  });

  it('proves the absence of a requested label', () => {
    const tree = pruneToPaths(state, [[text('bb')], [text('a'), text('z')]]) as never;
    expect(lookup_path(['bb'], tree).status).toBe(LookupPathStatus.Absent);
    expect(lookup_path(['a', 'z'], tree).status).toBe(LookupPathStatus.Absent);
    expect(lookup_path(['b'], tree).status).toBe(LookupPathStatus.Unknown);
    expect(toHex(reconstruct(tree))).toBe(toHex(reconstruct(toHashTree(state))));
  });

  it('reveals a whole subtree when a path stops early', () => {
    const tree = pruneToPaths(state, [[text('a')]]) as never;
    expect(lookup_path(['a', 'x'], tree).status).toBe(LookupPathStatus.Found);
    expect(lookup_path(['a', 'y'], tree).status).toBe(LookupPathStatus.Found);
  });
});
