import { describe, expect, it } from 'vitest';

import { decodeSparsePages, encodeSparsePages } from './sparse-pages.ts';

const PAGE = 65536;

describe('sparse page files', () => {
  it('round-trips memory and stores only the pages holding data', () => {
    const memory = new Uint8Array(10 * PAGE);
    memory[3] = 7;
    memory[6 * PAGE + 100] = 9;
    memory[10 * PAGE - 1] = 1;
    const encoded = encodeSparsePages(memory);
    expect(encoded.length).toBe(12 + 3 * (4 + PAGE));
    expect(Buffer.from(decodeSparsePages(encoded)).equals(memory)).toBe(true);
  });

  it('round-trips empty memory and refuses truncated files with a coded message', () => {
    expect(decodeSparsePages(encodeSparsePages(new Uint8Array(0)))).toEqual(new Uint8Array(0));
    const memory = new Uint8Array(2 * PAGE).fill(1);
    expect(() => decodeSparsePages(encodeSparsePages(memory).subarray(0, 100))).toThrow(
      /LOCALNET_STATE_FORMAT/,
    );
  });
});
