import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeArgs } from './arg-decoding.ts';

const Tree = IDL.Rec();
Tree.fill(IDL.Record({ label: IDL.Text, children: IDL.Vec(Tree) }));
const Shape = IDL.Record({
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
const types = [IDL.Text, IDL.Vec(Shape), IDL.Opt(IDL.Nat32)];

const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.constant('a"b\\c\n'));
const node = (children: fc.Arbitrary<unknown[]>) =>
  fc.record({ label: anyText, children }, { noNullPrototype: true });
const shape = fc.record(
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
const args = fc.tuple(
  anyText,
  fc.array(shape, { maxLength: 3 }),
  fc
    .option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined })
    .map((n) => (n === undefined ? [] : [n])),
);

describe('decodeArgs', () => {
  it('reads what IDL.decode reads, for random values of every kind it compiles', () => {
    fc.assert(
      fc.property(args, (values) => {
        const bytes = new Uint8Array(IDL.encode(types, values));
        expect(decodeArgs(types, bytes)).toEqual(IDL.decode(types, bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves other type tables, trailing bytes and broken values to IDL.decode', () => {
    // A client whose record carries an extra field: a subtype, not the canister's own table.
    const Wider = IDL.Record({ name: IDL.Text, extra: IDL.Nat8 });
    const Narrow = IDL.Record({ name: IDL.Text });
    const wider = new Uint8Array(IDL.encode([Wider], [{ name: 'x', extra: 1 }]));
    expect(decodeArgs([Narrow], wider)).toEqual([{ name: 'x' }]);

    const bom = new Uint8Array(IDL.encode([IDL.Text], ['\ufeffmarked']));
    expect(decodeArgs([IDL.Text], bom)).toEqual(IDL.decode([IDL.Text], bom));

    const text = new Uint8Array(IDL.encode([IDL.Text], ['ok']));
    const trailing = Uint8Array.of(...text, 0);
    expect(() => decodeArgs([IDL.Text], trailing)).toThrow();
    const broken = Uint8Array.of(...text.subarray(0, text.length - 2), 0xc3, 0x28);
    expect(() => decodeArgs([IDL.Text], broken)).toThrow();
    expect(() =>
      decodeArgs([IDL.Bool], Uint8Array.of(...new TextEncoder().encode('DIDL'), 0, 1, 0x7e, 2)),
    ).toThrow();
  });
});
