import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';

/**
 * Test support (Node only): a Candid record with a field of every kind core's compiled readers and
 * writers handle, and random values of it, so both can be checked against @dfinity/candid.
 */
const Tree = IDL.Rec();
Tree.fill(IDL.Record({ label: IDL.Text, children: IDL.Vec(Tree) }));

export const EveryKind = IDL.Record({
  text: IDL.Text,
  flag: IDL.Bool,
  none: IDL.Null,
  byte: IDL.Nat8,
  small: IDL.Int16,
  count: IDL.Nat32,
  signed: IDL.Int32,
  start_ms: IDL.Int64,
  stamp: IDL.Nat64,
  ratio: IDL.Float64,
  half: IDL.Float32,
  big: IDL.Nat,
  delta: IDL.Int,
  who: IDL.Principal,
  blob: IDL.Vec(IDL.Nat8),
  note: IDL.Opt(IDL.Text),
  pair: IDL.Tuple(IDL.Text, IDL.Nat16),
  kind: IDL.Variant({ daily: IDL.Null, weekly: IDL.Nat8, custom: IDL.Text }),
  tree: Tree,
  skipped: IDL.Reserved,
});

/** Texts that stress UTF-8 and escaping. */
export const anyText = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string(),
  fc.constant('a"b\\c\n'),
);

const node = (children: fc.Arbitrary<unknown[]>) =>
  fc.record({ label: anyText, children }, { noNullPrototype: true });

/** Random values of EveryKind, shaped as @dfinity/candid takes and gives them. */
export const everyKindValue = fc.record(
  {
    text: anyText,
    flag: fc.boolean(),
    none: fc.constant(null),
    byte: fc.integer({ min: 0, max: 255 }),
    small: fc.integer({ min: -32768, max: 32767 }),
    count: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    signed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    start_ms: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    stamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    ratio: fc.double(),
    half: fc.float(),
    big: fc.bigInt({ min: 0n, max: 2n ** 80n }),
    delta: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
    who: fc.constantFrom(Principal.anonymous(), Principal.fromText('aaaaa-aa')),
    blob: fc.uint8Array({ maxLength: 5 }),
    note: fc.option(anyText, { nil: undefined }).map((t) => (t === undefined ? [] : [t])),
    pair: fc.tuple(anyText, fc.integer({ min: 0, max: 65535 })),
    kind: fc.oneof(
      fc.constant({ daily: null }),
      fc.integer({ min: 0, max: 255 }).map((weekly) => ({ weekly })),
      anyText.map((custom) => ({ custom })),
    ),
    tree: node(fc.array(node(fc.constant([])), { maxLength: 2 })),
    skipped: fc.constant(null),
  },
  { noNullPrototype: true },
);
