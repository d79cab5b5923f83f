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
