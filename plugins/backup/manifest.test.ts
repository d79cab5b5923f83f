import { describe, expect, it } from 'vitest';

import { decodeEntries, encodeEntries } from './chunk-codec.ts';
import { type BackupPlan, sealManifest, verifyManifest } from './manifest.ts';

const plan: BackupPlan = {
  canister: 'probe',
  created_at: 5n,
  changes: 2n,
  stores: [
    { name: 'a/x', version: 1, count: 3n, bytes: 30n },
    { name: 'a/y', version: 2, count: 0n, bytes: 0n },
  ],
  chunks: [
    { store: 'a/x', start: 0n, count: 2, bytes: 20 },
    { store: 'a/x', start: 2n, count: 1, bytes: 10 },
  ],
};
const hashes = ['1'.repeat(64), '2'.repeat(64)];
const code = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('backup manifest', () => {
  it('seals a plan whose digest covers every field and chunk hash', () => {
    const manifest = sealManifest(plan, hashes);
    expect(code(() => verifyManifest(manifest, 100))).toBe('ok');
    expect(sealManifest({ ...plan, changes: 3n }, hashes).digest).not.toBe(manifest.digest);
    expect(sealManifest(plan, [hashes[1]!, hashes[0]!]).digest).not.toBe(manifest.digest);
    expect(code(() => verifyManifest({ ...manifest, canister: 'other' }, 100))).toBe(
      'BACKUP_MANIFEST_INVALID',
    );
  });

  it('refuses gaps, oversize chunks, unknown stores and wrong totals even when resealed', () => {
    const reseal = (edit: Partial<BackupPlan>) => sealManifest({ ...plan, ...edit }, hashes);
    const gap = reseal({ chunks: [plan.chunks[0]!, { ...plan.chunks[1]!, start: 3n }] });
    expect(code(() => verifyManifest(gap, 100))).toBe('BACKUP_MANIFEST_INVALID');
    expect(code(() => verifyManifest(sealManifest(plan, hashes), 15))).toBe(
      'BACKUP_MANIFEST_INVALID',
    );
    const stranger = reseal({ chunks: [plan.chunks[0]!, { ...plan.chunks[1]!, store: 'b/z' }] });
    expect(code(() => verifyManifest(stranger, 100))).toBe('BACKUP_MANIFEST_INVALID');
    const total = reseal({ stores: [{ ...plan.stores[0]!, count: 4n }, plan.stores[1]!] });
    expect(code(() => verifyManifest(total, 100))).toBe('BACKUP_MANIFEST_INVALID');
  });

  it('frames entries so they decode back, and refuses truncated bytes', () => {
    const entries: [Uint8Array, Uint8Array][] = [
      [Uint8Array.of(1, 2), Uint8Array.of(3)],
      [Uint8Array.of(), Uint8Array.of(9, 9, 9)],
    ];
    const bytes = encodeEntries(entries);
    expect(decodeEntries(bytes)).toEqual(entries);
    expect(() => decodeEntries(bytes.subarray(0, bytes.length - 1))).toThrow(/runs past the end/);
    expect(() => decodeEntries(bytes.subarray(0, 2))).toThrow(/cut short/);
  });
});
