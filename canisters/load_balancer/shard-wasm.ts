import { CanisterError, type StableStore } from '../../core/index.ts';

/** Largest chunk: the management canister's upload_chunk limit. */
export const MAX_CHUNK_BYTES = 1024 * 1024;
const MAX_CHUNKS = 64;

export interface WasmManifest {
  moduleHash: Uint8Array;
  chunkHashes: Uint8Array[];
  /** Who uploaded it: becomes a controller of every provisioned shard, beside the load balancer. */
  uploadedBy: string;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The calendar Wasm that deploy uploads for provisioning, in chunks of at most 1 MiB, with the
 * SHA-256 of each chunk and of the whole module declared up front. The load balancer does not hash
 * (≈10 k instructions per byte in QuickJS): the management canister's upload_chunk returns each
 * chunk's hash, compared with the declared one, and install_chunked_code checks the module hash.
 */
export class ShardWasm {
  constructor(
    private readonly chunks: StableStore<Uint8Array>,
    private readonly meta: StableStore<unknown>,
  ) {}

  begin(manifest: WasmManifest): void {
    if (manifest.moduleHash.length !== 32 || manifest.chunkHashes.some((h) => h.length !== 32)) {
      throw invalid('hashes must be SHA-256 (32 bytes)');
    }
    if (manifest.chunkHashes.length === 0 || manifest.chunkHashes.length > MAX_CHUNKS) {
      throw invalid(`1-${MAX_CHUNKS} chunks`, String(manifest.chunkHashes.length));
    }
    for (let i = 0; this.chunks.size() > 0 && i < MAX_CHUNKS; i++) this.chunks.delete(BigInt(i));
    this.meta.set('wasm', manifest);
  }

  put(index: number, chunk: Uint8Array): number {
    const manifest = this.manifest();
    if (manifest === undefined) throw invalid('begin_shard_wasm first');
    if (!Number.isInteger(index) || index < 0 || index >= manifest.chunkHashes.length) {
      throw invalid(`a chunk index below ${manifest.chunkHashes.length}`, String(index));
    }
    if (chunk.length === 0 || chunk.length > MAX_CHUNK_BYTES) {
      throw invalid(`1-${MAX_CHUNK_BYTES} bytes`, String(chunk.length));
    }
    this.chunks.set(BigInt(index), chunk);
    return this.chunks.size();
  }

  manifest(): WasmManifest | undefined {
    return this.meta.get('wasm') as WasmManifest | undefined;
  }

  uploaded(): number {
    return this.chunks.size();
  }

  complete(): boolean {
    const manifest = this.manifest();
    return manifest !== undefined && this.chunks.size() === manifest.chunkHashes.length;
  }

  chunk(index: number): Uint8Array {
    const chunk = this.chunks.get(BigInt(index));
    if (chunk === undefined) throw invalid(`chunk ${index} uploaded`, 'none');
    return chunk;
  }

  /** The IC's hash of an uploaded chunk must be the one deploy declared. */
  checkChunkHash(index: number, hash: Uint8Array): void {
    const declared = this.manifest()?.chunkHashes[index];
    if (declared === undefined || hex(declared) !== hex(hash)) {
      throw invalid(`chunk ${index} hash ${declared ? hex(declared) : '?'}`, hex(hash));
    }
  }
}

function invalid(expected: string, found?: string): CanisterError {
  return new CanisterError('LB_WASM_INVALID', `shard Wasm: expected ${expected}`, {
    expected,
    ...(found === undefined ? {} : { found }),
  });
}

export { hex };
