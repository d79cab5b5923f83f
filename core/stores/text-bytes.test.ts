import { IDL } from '@dfinity/candid';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeValue, encodeValue } from './codec.ts';
import { binaryString, bytesOfBinaryString, utf8Bytes, utf8Text } from './text-bytes.ts';

/**
 * Azle's native candidEncode, imitated: it parses a Candid text literal (refusing escapes other
 * than `\\` and `\"`, which are all the code writes) and, like rquickjs, refuses lone surrogates.
 */
function fakeCandidEncode(candid: string): Uint8Array {
  const match = /^\("([\s\S]*)"\)$/.exec(candid);
  if (!match) throw new Error(`not a text literal: ${candid.slice(0, 40)}`);
  const body = match[1]!;
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(body)) {
    throw new Error('Conversion from string failed: invalid utf-8 sequence');
  }
  let text = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      text += body[i];
      continue;
    }
    const next = body[++i];
    if (next !== '\\' && next !== '"') throw new Error(`Unknown escape character ${next}`);
    text += next;
  }
  return new Uint8Array(IDL.encode([IDL.Text], [text]));
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string(),
);
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

describe('UTF-8 inside a canister (native candidEncode path)', () => {
  beforeAll(() => {
    (globalThis as { _azleIc?: unknown })._azleIc = { candidEncode: fakeCandidEncode };
  });
  afterAll(() => {
    delete (globalThis as { _azleIc?: unknown })._azleIc;
  });

  it('encodes and decodes any text like TextEncoder/TextDecoder, lone surrogates included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const bytes = utf8Bytes(text);
        expect(bytes).toEqual(encoder.encode(text));
        expect(utf8Text(bytes)).toBe(decoder.decode(bytes));
      }),
    );
  });

  it('keeps a leading byte order mark', () => {
    expect(utf8Text(utf8Bytes('\ufeffx'))).toBe('\ufeffx');
    expect(decodeValue(encodeValue({ t: '\ufeff' }))).toEqual({ t: '\ufeff' });
  });

  it('decodes foreign malformed bytes like TextDecoder (one U+FFFD per maximal subpart)', () => {
    const bytes = new Uint8Array([
      0x61, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xf4, 0x90,
    ]);
    expect(utf8Text(bytes)).toBe(decoder.decode(bytes));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (random) => {
        expect(utf8Text(random)).toBe(decoder.decode(random));
      }),
    );
  });

  it('round-trips stored values with any text through the JSON codec', () => {
    const record = fc.record({ title: anyText, tags: fc.array(anyText), at: fc.bigInt() });
    fc.assert(
      fc.property(record, (value) => {
        const decoded = decodeValue(encodeValue(value)) as typeof value;
        const clean = (t: string) => decoder.decode(encoder.encode(t));
        expect(decoded).toEqual({
          title: clean(value.title),
          tags: value.tags.map(clean),
          at: value.at,
        });
      }),
    );
  });

  it('turns bytes into binary strings and back, also past the 8 KiB chunk', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 256);
    const binary = binaryString(bytes);
    expect(binary.length).toBe(bytes.length);
    expect(bytesOfBinaryString(binary)).toEqual(bytes);
  });
});
