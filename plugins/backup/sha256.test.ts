import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { describe, expect, it } from 'vitest';

import { generateCompress } from './sha256-rounds.generate.ts';
import { sha256Hex, sha256HexOfText } from './sha256.ts';

const node = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha256 (QuickJS-friendly)', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256HexOfText('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256HexOfText('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256HexOfText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto and @noble/hashes at every padding boundary and on large inputs', () => {
    const lengths = [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65_536, 300_001];
    for (const length of lengths) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(sha256Hex(data), `length ${length}`).toBe(node(data));
      expect(sha256Hex(data)).toBe(hex(nobleSha256(data)));
    }
  });
});

describe('sha256.ts compression function', () => {
  it('is exactly what sha256-rounds.generate.ts writes', () => {
    const source = readFileSync(new URL('./sha256.ts', import.meta.url), 'utf8');
    expect(source).toContain(generateCompress());
  });
});
