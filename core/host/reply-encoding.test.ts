import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Result } from '../errors/result.ts';
import { anyText, EveryKind, everyKindValue } from '../testing/candid-shapes.ts';
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
    const type = Result(IDL.Vec(EveryKind));
    prepareReply(type);
    const reply = fc.oneof(
      fc.array(everyKindValue, { maxLength: 3 }).map((Ok) => ({ Ok })),
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
