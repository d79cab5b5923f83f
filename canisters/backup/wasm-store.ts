import type { RawStableMap, StableStore } from '../../core/index.ts';
import { vaultError } from './vault-errors.ts';
import type { StoredWasm } from './vault-model.ts';

/** The IC's chunk store takes chunks of at most 1 MiB. */
export const MAX_WASM_CHUNK = 1_048_576;
const encoder = new TextEncoder();
const key = (kind: string, index: number) =>
  encoder.encode(`${kind}/${index.toString().padStart(4, '0')}`);

/**
 * The Wasm modules a recovery installs, one per canister type, uploaded by deploy in chunks of at
 * most 1 MiB (so the IC's upload_chunk takes each as is). The backup canister never hashes a
 * module: install_chunked_code checks the declared hash against the assembled module.
 */
export class WasmStore {
  constructor(
    private readonly meta: StableStore<StoredWasm>,
    private readonly chunks: () => RawStableMap,
  ) {}

  /** Chunk `index` of a new module of `kind`; chunk 0 starts over. */
  putChunk(kind: string, index: number, data: Uint8Array): StoredWasm {
    const known = this.meta.get(kind);
    const expected = index === 0 ? 0 : known?.complete === false ? known.chunks : -1;
    if (data.length === 0 || data.length > MAX_WASM_CHUNK || index !== expected) {
      throw vaultError('VAULT_WASM_INVALID', `Wasm chunk ${index} of ${kind} refused`, {
        expected: `chunk ${Math.max(expected, 0)} of 1..${MAX_WASM_CHUNK} bytes`,
        found: `chunk ${index} of ${data.length} bytes`,
      });
    }
    if (index === 0 && known !== undefined) this.dropChunks(kind, known.chunks);
    this.chunks().insert(key(kind, index), data);
    const stored: StoredWasm = {
      kind,
      moduleHash: '',
      chunks: index + 1,
      bytes: (index === 0 ? 0 : known!.bytes) + data.length,
      complete: false,
    };
    this.meta.set(kind, stored);
    return stored;
  }

  /** Marks the uploaded chunks as the module whose sha256 is `moduleHash` (hex). */
  commit(kind: string, moduleHash: string): StoredWasm {
    const known = this.meta.get(kind);
    if (known === undefined || !/^[0-9a-f]{64}$/.test(moduleHash)) {
      throw vaultError('VAULT_WASM_INVALID', `cannot commit the Wasm of ${kind}`, {
        expected: 'uploaded chunks and a 64-digit hex sha256',
        found: known === undefined ? 'no chunks' : moduleHash,
      });
    }
    const stored = { ...known, moduleHash, complete: true };
    this.meta.set(kind, stored);
    return stored;
  }

  require(kind: string): StoredWasm {
    const stored = this.meta.get(kind);
    if (stored === undefined || !stored.complete) {
      throw vaultError('VAULT_NO_WASM', `no complete Wasm module of ${kind} is stored`, {
        expected: 'deploy to upload it (upload_wasm_chunk, commit_wasm)',
        found: stored === undefined ? 'none' : `${stored.chunks} chunks, not committed`,
      });
    }
    return stored;
  }

  chunk(kind: string, index: number): Uint8Array {
    return this.chunks().get(key(kind, index))!;
  }

  list(): StoredWasm[] {
    return this.meta.page(0, 100).entries.map(([, w]) => w);
  }

  private dropChunks(kind: string, count: number): void {
    for (let index = 0; index < count; index++) this.chunks().remove(key(kind, index));
  }
}
