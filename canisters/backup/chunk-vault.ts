import type { RawStableMap } from '../../core/index.ts';

const encoder = new TextEncoder();

/** `<version>/<index>`, zero-padded so a version's chunks sit together in key order. */
function chunkKey(version: bigint, index: number): Uint8Array {
  return encoder.encode(
    `${version.toString().padStart(12, '0')}/${index.toString().padStart(6, '0')}`,
  );
}

/**
 * Pulled chunk bytes exactly as the protected canister exported them, kept raw in a stable map
 * (no value encoding: a backup takes the bytes of the data it holds, plus a key per chunk).
 */
export class ChunkVault {
  constructor(private readonly map: () => RawStableMap) {}

  put(version: bigint, index: number, data: Uint8Array): void {
    this.map().insert(chunkKey(version, index), data);
  }

  get(version: bigint, index: number): Uint8Array | undefined {
    return this.map().get(chunkKey(version, index));
  }

  /** Deletes chunks 0..count-1 of a version. */
  drop(version: bigint, count: number): void {
    for (let index = 0; index < count; index++) this.map().remove(chunkKey(version, index));
  }
}
