import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Result } from '../errors/result.ts';
import { encodeReply, prepareReply } from './reply-encoding.ts';

describe('encodeReply', () => {
  const Task = IDL.Record({
    id: IDL.Nat64,
    title: IDL.Text,
    owner: IDL.Principal,
    due: IDL.Opt(IDL.Nat64),
  });
  const type = Result(IDL.Vec(Task));
  const values = [
    { Ok: [{ id: 1n, title: 'a', owner: Principal.anonymous(), due: [] }] },
    { Err: { code: 'NOT_FOUND', message: 'no task with id 7' } },
    { Ok: [] },
    { Ok: [{ id: 2n, title: 'ünïcode', owner: Principal.fromText('aaaaa-aa'), due: [5n] }] },
  ];

  it('produces the same bytes as IDL.encode, before and after the prefix is cached', () => {
    for (const value of [...values, ...values]) {
      expect(encodeReply(type, value)).toEqual(new Uint8Array(IDL.encode([type], [value])));
    }
  });

  it('equals IDL.encode for random values of every kind it compiles', () => {
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
    const type = Result(IDL.Vec(Shape));
    prepareReply(type);
    const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.constant('a"b\\c\n'));
    const node = (children: fc.Arbitrary<unknown[]>) =>
      fc.record({ label: anyText, children }, { noNullPrototype: true });
    const tree = node(fc.array(node(fc.constant([])), { maxLength: 2 }));
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
        tree,
        skipped: fc.constant(null),
      },
      { noNullPrototype: true },
    );
    const reply = fc.oneof(
      fc.array(shape, { maxLength: 3 }).map((Ok) => ({ Ok })),
      fc
        .record({ code: anyText, message: anyText }, { noNullPrototype: true })
        .map((Err) => ({ Err })),
    );
    fc.assert(
      fc.property(reply, (value) => {
        expect(encodeReply(type, value)).toEqual(new Uint8Array(IDL.encode([type], [value])));
      }),
      { numRuns: 200 },
    );
  });

  it('encodes an empty reply for methods without a return type, and refuses a wrong value', () => {
    expect(encodeReply(undefined, undefined)).toEqual(new Uint8Array(IDL.encode([], [])));
    expect(() => encodeReply(IDL.Nat32, 'seven')).toThrow();
    expect(() => encodeReply(IDL.Nat8, 256)).toThrow(/nat8/);
    expect(() => encodeReply(IDL.Opt(IDL.Text), ['a', 'b'])).toThrow();
    expect(() => encodeReply(IDL.Variant({ a: IDL.Null }), { b: null })).toThrow();
    expect(() => encodeReply(IDL.Record({ t: IDL.Text }), { t: 1 })).toThrow(/text/);
  });
});
