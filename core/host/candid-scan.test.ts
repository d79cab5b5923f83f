import { IDL } from '@dfinity/candid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deepOpt } from '../testing/candid-bombs.ts';
import { EveryKind, everyKindValue } from '../testing/candid-shapes.ts';
import { scanCandid } from './candid-scan.ts';
import { argumentRefusal, decodeArgs } from './arg-decoding.ts';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));
const roomy = { maxSteps: 1e6, maxTableEntries: 1000, maxDepth: 100 };

describe('scanCandid', () => {
  it('admits every message IDL.encode writes, for random values of every kind', () => {
    fc.assert(
      fc.property(fc.array(everyKindValue, { maxLength: 4 }), (values) => {
        const bytes = new Uint8Array(IDL.encode([IDL.Vec(EveryKind)], [values]));
        expect(scanCandid(bytes, roomy)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('refuses the issue repros: vec null claiming 2^31 elements, and deep nesting', () => {
    const backupAbort = hex('4449444c016d7f01008080808008');
    expect(scanCandid(backupAbort, { ...roomy, maxSteps: 1000 })).toMatch(/cost/);
    const httpUpdate = hex(
      '4449444c056d7b6c02007101716d016c04efd6e40271e1edeb4a71a2f5ed880400c6a4a19806026d7f020304022f780347455400008080808008',
    );
    expect(scanCandid(httpUpdate, { ...roomy, maxSteps: 1000 })).toMatch(/cost/);
    expect(scanCandid(deepOpt(50), roomy)).toBeUndefined();
    expect(scanCandid(deepOpt(5000), { ...roomy, maxTableEntries: 10_000 })).toMatch(/deeply/);
    expect(scanCandid(deepOpt(5000), roomy)).toMatch(/type table/);
  });

  it('refuses truncation, trailing bytes, bad flags and unknown types', () => {
    const good = new Uint8Array(IDL.encode([IDL.Opt(IDL.Text)], [['hello']]));
    for (let cut = 0; cut < good.length; cut++) {
      expect(scanCandid(good.subarray(0, cut), roomy), `cut at ${cut}`).toBeDefined();
    }
    expect(scanCandid(Uint8Array.of(...good, 0), roomy)).toMatch(/left/);
    expect(scanCandid(hex('4449444c016e7c010002'), roomy)).toMatch(/opt flag/);
    expect(scanCandid(hex('4449444c000105'), roomy)).toMatch(/unknown type/);
    expect(scanCandid(hex('4449444c00017d' + '80'.repeat(60) + '01'), roomy)).toMatch(/large/);
  });
});

describe('argument admission', () => {
  it("reads the method's own table directly and refuses what it cannot read, typed", () => {
    const types = [IDL.Vec(IDL.Null)];
    const claim = hex('4449444c016d7f01008080808008');
    expect(() => decodeArgs(types, claim)).toThrow(
      expect.objectContaining({ code: 'CORE_ARG_INVALID' }),
    );
    expect(decodeArgs(types, new Uint8Array(IDL.encode(types, [[null, null]])))).toEqual([
      [null, null],
    ]);
  });

  it('refuses a foreign table past its quotas before IDL.decode, and decodes a small one', () => {
    const types = [IDL.Text];
    const truncated = new Uint8Array(IDL.encode([IDL.Text, IDL.Nat8], ['hi', 7])).slice(0, -1);
    expect(argumentRefusal(types, truncated)?.code).toBe('CORE_ARG_INVALID');
    const withVecNull = hex('4449444c016d7f0271000178808080800800');
    expect(argumentRefusal(types, withVecNull)?.code).toBe('CORE_ARG_TOO_COSTLY');
    const extraArg = new Uint8Array(IDL.encode([IDL.Text, IDL.Nat8], ['hi', 7]));
    expect(decodeArgs(types, extraArg)).toEqual(['hi']);
    const big = new Uint8Array(IDL.encode([IDL.Text, IDL.Nat8], ['x'.repeat(9000), 1]));
    expect(argumentRefusal(types, big)?.code).toBe('CORE_ARG_TOO_COSTLY');
  });
});
