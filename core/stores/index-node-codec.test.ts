import { describe, expect, it } from 'vitest';

import { encodeValue } from './codec.ts';
import { decodeNode, encodeNode, type IndexNode } from './index-node-codec.ts';
import { encodeLegacyValue } from './legacy-codec.ts';

const binary = (...bytes: number[]) => String.fromCharCode(...bytes);
const keys = [
  binary(0x30, 0x13, 0x00, 0xbf, 0xff, 0x25, 0x74),
  binary(0x30, 0x13, 0x80, 0x41, 0x00),
];

describe('index node codec', () => {
  it('round-trips leaves with text and nat primary keys, and branches', () => {
    const leaf: IndexNode = { leaf: true, keys, pks: ['e1.2', 7n], next: 4 };
    const branch: IndexNode = { leaf: false, keys: [keys[1]!], children: [2, 3] };
    expect(decodeNode(encodeNode(leaf))).toEqual(leaf);
    expect(decodeNode(encodeNode(branch))).toEqual(branch);
    const textOnly: IndexNode = { leaf: true, keys, pks: ['a', 'ü'], next: 0 };
    expect(decodeNode(encodeNode(textOnly))).toEqual(textOnly);
  });

  it('writes ASCII JSON (the cheap decoding path) whatever bytes the keys hold', () => {
    const bytes = encodeNode({ leaf: true, keys, pks: ['a', 'b'], next: 0 });
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
  });

  it('reads the earlier forms: byte-array keys (binary codec) and binary-string keys (JSON)', () => {
    const leaf: IndexNode = { leaf: true, keys, pks: ['x', 'y'], next: 0 };
    const asBytes = keys.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0)));
    expect(decodeNode(encodeLegacyValue({ ...leaf, keys: asBytes }))).toEqual(leaf);
    expect(decodeNode(encodeValue(leaf))).toEqual(leaf);
  });
});
