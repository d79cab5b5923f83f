import fc from 'fast-check';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { compareBytes, orderedEncode } from './ordered-encoding.ts';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('orderedEncode', () => {
  it('orders bigints like the numbers they are', () => {
    const big = fc.bigInt({ min: -(2n ** 64n) + 1n, max: 2n ** 64n - 1n });
    fc.assert(
      fc.property(big, big, (a, b) => {
        expect(sign(compareBytes(orderedEncode(a), orderedEncode(b)))).toBe(
          a < b ? -1 : a > b ? 1 : 0,
        );
      }),
    );
  });

  it('orders float64 numbers, including negatives and fractions', () => {
    const double = fc.double({ noNaN: true });
    fc.assert(
      fc.property(double, double, (a, b) => {
        expect(sign(compareBytes(orderedEncode(a), orderedEncode(b)))).toBe(
          a < b ? -1 : a > b ? 1 : 0,
        );
      }),
    );
  });

  it('orders text by UTF-8 bytes and tuples element by element (prefix-free)', () => {
    const pair = fc.tuple(fc.string(), fc.bigInt({ min: 0n, max: 2n ** 40n }));
    fc.assert(
      fc.property(pair, pair, ([sa, na], [sb, nb]) => {
        const texts = compareBytes(utf8(sa), utf8(sb));
        const expected = texts !== 0 ? sign(texts) : na < nb ? -1 : na > nb ? 1 : 0;
        expect(sign(compareBytes(orderedEncode([sa, na]), orderedEncode([sb, nb])))).toBe(expected);
      }),
    );
  });

  it('encodes principals, booleans and null, and refuses objects', () => {
    const a = orderedEncode(Principal.fromText('aaaaa-aa'));
    expect(compareBytes(a, orderedEncode(Principal.anonymous()))).not.toBe(0);
    expect(compareBytes(orderedEncode(false), orderedEncode(true))).toBeLessThan(0);
    expect(compareBytes(orderedEncode(null), orderedEncode(false))).toBeLessThan(0);
    expect(() => orderedEncode({ a: 1 })).toThrow(/cannot index/);
  });
});
