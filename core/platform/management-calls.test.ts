import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { MemoryPlatform } from '../testing/memory-platform.ts';
import { canisterStatus, createCanisterWithCycles, installFromChunks } from './management-calls.ts';

const target = 'rrkah-fqaaa-aaaaa-aaaaq-cai';

function managementLog() {
  const platform = new MemoryPlatform();
  const log: { method: string; args: unknown[]; cycles?: bigint }[] = [];
  platform.calls.set('aaaaa-aa', (method, request) => {
    log.push({ method, args: request.args, ...(request.cycles ? { cycles: request.cycles } : {}) });
    if (method === 'upload_chunk') {
      const { chunk } = request.args[0] as { chunk: Uint8Array };
      return { hash: Uint8Array.of(chunk.length) };
    }
    if (method === 'create_canister') return { canister_id: Principal.fromText(target) };
    if (method === 'canister_status') {
      return { module_hash: [], settings: { controllers: [Principal.anonymous()] } };
    }
    return null;
  });
  return { platform, log };
}

describe('management canister calls', () => {
  it('uploads every chunk between two chunk-store clears, then installs with their hashes', async () => {
    const { platform, log } = managementLog();
    const chunks = [new Uint8Array(3), new Uint8Array(5)];
    await installFromChunks(platform, target, chunks, Uint8Array.of(9, 9), true);
    expect(log.map((call) => call.method)).toEqual([
      'clear_chunk_store',
      'upload_chunk',
      'upload_chunk',
      'install_chunked_code',
      'clear_chunk_store',
    ]);
    expect(log[3]!.args[0]).toMatchObject({
      mode: { reinstall: null },
      target_canister: Principal.fromText(target),
      chunk_hashes_list: [{ hash: Uint8Array.of(3) }, { hash: Uint8Array.of(5) }],
      wasm_module_hash: Uint8Array.of(9, 9),
    });
  });

  it('creates a canister with cycles and its controllers, and reads an empty status', async () => {
    const { platform, log } = managementLog();
    const controllers = [Principal.anonymous()];
    expect(await createCanisterWithCycles(platform, 7n, controllers)).toBe(target);
    expect(log[0]).toEqual({
      method: 'create_canister',
      args: [{ settings: [{ controllers: [controllers] }], sender_canister_version: [] }],
      cycles: 7n,
    });
    expect(await canisterStatus(platform, target)).toEqual({ controllers });
  });
});
