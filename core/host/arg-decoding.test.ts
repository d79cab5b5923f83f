import { IDL } from '@dfinity/candid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { anyText, EveryKind, everyKindValue } from '../testing/candid-shapes.ts';
import { decodeArgs } from './arg-decoding.ts';

const types = [IDL.Text, IDL.Vec(EveryKind), IDL.Opt(IDL.Nat32)];

const args = fc.tuple(
  anyText,
  fc.array(everyKindValue, { maxLength: 3 }),
  fc
    .option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined })
    .map((n) => (n === undefined ? [] : [n])),
);

describe('decodeArgs', () => {
  it('reads vectors of fixed-size numbers inside records and variants as the library does', () => {
    const Change = IDL.Variant({
      upsert: IDL.Record({
        id: IDL.Text,
        minutes: IDL.Vec(IDL.Nat32),
        offsets: IDL.Vec(IDL.Int16),
      }),
      stamps: IDL.Vec(IDL.Nat64),
      deltas: IDL.Vec(IDL.Int64),
      flags: IDL.Vec(IDL.Int8),
    });
    const method = [IDL.Vec(Change)];
    const value = [
      { upsert: { id: 'e1', minutes: [10, 60, 4_294_967_295], offsets: [-32_768, 5] } },
      { stamps: [0n, 2n ** 64n - 1n] },
      { deltas: [-(2n ** 63n), 7n] },
      { flags: [-128, 127] },
      { upsert: { id: 'e2', minutes: [], offsets: [] } },
    ];
    const bytes = new Uint8Array(IDL.encode(method, [value]));
    expect(decodeArgs(method, bytes)).toEqual(IDL.decode(method, bytes));
    const claimsTooMany = new Uint8Array(IDL.encode(method, [[{ stamps: [1n] }]]));
    claimsTooMany[claimsTooMany.length - 9] = 3;
    expect(() => decodeArgs(method, claimsTooMany)).toThrow(/CORE_ARG_INVALID|refused/);
  });

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
