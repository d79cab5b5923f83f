import { describe, expect, it } from 'vitest';

import { frame, unframe } from './write-ahead-log.ts';

const joined = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('write-ahead log framing', () => {
  it('reads back framed records', () => {
    const records = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(1000).fill(9)];
    expect(unframe(joined(...records.map(frame)))).toEqual({ records, torn: false });
  });

  it('drops a torn last record (cut short) and a corrupt one (checksum)', () => {
    const good = frame(new Uint8Array([1, 2, 3]));
    const last = frame(new Uint8Array([4, 5, 6, 7]));
    expect(unframe(joined(good, last.subarray(0, last.length - 1)))).toEqual({
      records: [new Uint8Array([1, 2, 3])],
      torn: true,
    });
    const flipped = last.slice();
    flipped[flipped.length - 1] ^= 1;
    expect(unframe(joined(good, flipped)).records).toHaveLength(1);
    expect(unframe(joined(good, new Uint8Array([5]))).torn).toBe(true);
  });
});
