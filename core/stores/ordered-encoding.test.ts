import fc from 'fast-check';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { orderedEncode } from './ordered-encoding.ts';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytesOf = (binary: string) => Uint8Array.from(binary, (char) => char.charCodeAt(0));
function compareBytes(a: Uint8Array | string, b: Uint8Array | string): number {
  const x = typeof a === 'string' ? bytesOf(a) : a;
  const y = typeof b === 'string' ? bytesOf(b) : b;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
/** The first format, written with byte arrays: kept here as the reference for stored indexes. */
function firstFormat(value: unknown): Uint8Array {
  const out: number[] = [];
  const escaped = (bytes: Uint8Array) => {
    for (const byte of bytes) out.push(...(byte === 0 ? [0, 0xff] : [byte]));
    out.push(0, 0);
  };
  const uint64 = (v: bigint, invert: boolean) => {
    for (let shift = 56n; shift >= 0n; shift -= 8n) {
      const byte = Number((v >> shift) & 0xffn);
      out.push(invert ? 0xff - byte : byte);
    }
  };
  const write = (v: unknown): void => {
    if (v === null) out.push(0x01);
    else if (v === false) out.push(0x02);
    else if (v === true) out.push(0x03);
    else if (typeof v === 'bigint') {
      out.push(v < 0n ? 0x10 : 0x11);
      uint64(v < 0n ? -v : v, v < 0n);
    } else if (typeof v === 'number') {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, v === 0 ? 0 : v);
      let bits = view.getBigUint64(0);
      bits = v < 0 ? ~bits & 0xffff_ffff_ffff_ffffn : bits | (1n << 63n);
      out.push(0x13);
      uint64(bits, false);
    } else if (typeof v === 'string') {
      out.push(0x20);
      escaped(utf8(v));
    } else if (v instanceof Uint8Array) {
      out.push(0x21);
      escaped(v);
    } else if (Array.isArray(v)) {
      out.push(0x30);
      v.forEach(write);
      out.push(0x00);
    }
  };
  write(value);
  return Uint8Array.from(out);
}

/** Binary strings compare like their bytes, which the index relies on. */
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('orderedEncode', () => {
  it('orders bigints like the numbers they are', () => {
    const big = fc.bigInt({ min: -(2n ** 64n) + 1n, max: 2n ** 64n - 1n });
    fc.assert(
      fc.property(big, big, (a, b) => {
        expect(sign(compareStrings(orderedEncode(a), orderedEncode(b)))).toBe(
          a < b ? -1 : a > b ? 1 : 0,
        );
      }),
    );
  });

  it('orders float64 numbers, including negatives and fractions', () => {
    const double = fc.double({ noNaN: true });
    fc.assert(
      fc.property(double, double, (a, b) => {
        expect(sign(compareStrings(orderedEncode(a), orderedEncode(b)))).toBe(
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
        expect(sign(compareStrings(orderedEncode([sa, na]), orderedEncode([sb, nb])))).toBe(
          expected,
        );
      }),
    );
  });

  it('writes the bytes indexes stored before keys became strings (first format)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.bigInt({ min: -(2n ** 64n) + 1n, max: 2n ** 64n - 1n }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3 }), (items) => {
        expect(bytesOf(orderedEncode(items))).toEqual(firstFormat(items));
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
