import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import type { Platform } from './platform.ts';

/**
 * The management canister methods canisters of this system call to create and (re)install other
 * canisters (the load balancer's shard provisioning, the backup canister's recoveries): the real
 * IC API, never a provisional method. The caller must be a controller of the canister named.
 */
const CanisterId = IDL.Record({ canister_id: IDL.Principal });
const CreateArgs = IDL.Record({
  settings: IDL.Opt(IDL.Record({ controllers: IDL.Opt(IDL.Vec(IDL.Principal)) })),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});
const UploadArgs = IDL.Record({ canister_id: IDL.Principal, chunk: IDL.Vec(IDL.Nat8) });
const ChunkHash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });
const InstallChunkedArgs = IDL.Record({
  mode: IDL.Variant({ install: IDL.Null, reinstall: IDL.Null }),
  target_canister: IDL.Principal,
  store_canister: IDL.Opt(IDL.Principal),
  chunk_hashes_list: IDL.Vec(ChunkHash),
  wasm_module_hash: IDL.Vec(IDL.Nat8),
  arg: IDL.Vec(IDL.Nat8),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});
const ModuleHashReply = IDL.Record({ module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const StatusReply = IDL.Record({
  module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
  settings: IDL.Record({ controllers: IDL.Vec(IDL.Principal) }),
});

const MANAGEMENT = Principal.managementCanister();
const NO_ARGS = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]); // Candid "DIDL" with no values

/** Creates a canister with `cycles` from the caller's balance; the given principals control it. */
export async function createCanisterWithCycles(
  platform: Platform,
  cycles: bigint,
  controllers: Principal[],
): Promise<string> {
  const reply = await platform.call<{ canister_id: Principal }>(MANAGEMENT, 'create_canister', {
    paramIdlTypes: [CreateArgs],
    returnIdlType: CanisterId,
    args: [{ settings: [{ controllers: [controllers] }], sender_canister_version: [] }],
    cycles,
  });
  return reply.canister_id.toText();
}

/** The installed module's sha256, undefined when the canister is empty. */
export async function moduleHash(
  platform: Platform,
  canister: string,
): Promise<Uint8Array | undefined> {
  const reply = await platform.call<{ module_hash: [] | [Uint8Array] }>(
    MANAGEMENT,
    'canister_status',
    {
      paramIdlTypes: [CanisterId],
      returnIdlType: ModuleHashReply,
      args: [{ canister_id: Principal.fromText(canister) }],
    },
  );
  return reply.module_hash[0];
}

/** The installed module's sha256 (undefined when empty) and the controllers. */
export async function canisterStatus(
  platform: Platform,
  canister: string,
): Promise<{ moduleHash?: Uint8Array; controllers: Principal[] }> {
  const reply = await platform.call<{
    module_hash: [] | [Uint8Array];
    settings: { controllers: Principal[] };
  }>(MANAGEMENT, 'canister_status', {
    paramIdlTypes: [CanisterId],
    returnIdlType: StatusReply,
    args: [{ canister_id: Principal.fromText(canister) }],
  });
  const hash = reply.module_hash[0];
  return {
    ...(hash === undefined ? {} : { moduleHash: hash }),
    controllers: reply.settings.controllers,
  };
}

/** Puts a chunk in the canister's own chunk store; returns the hash the IC computed. */
export async function uploadChunk(
  platform: Platform,
  canister: string,
  chunk: Uint8Array,
): Promise<Uint8Array> {
  const reply = await platform.call<{ hash: Uint8Array }>(MANAGEMENT, 'upload_chunk', {
    paramIdlTypes: [UploadArgs],
    returnIdlType: ChunkHash,
    args: [{ canister_id: Principal.fromText(canister), chunk }],
  });
  return reply.hash;
}

/** Empties the canister's chunk store (chunks count against its memory until cleared). */
export async function clearChunkStore(platform: Platform, canister: string): Promise<void> {
  await platform.call(MANAGEMENT, 'clear_chunk_store', {
    paramIdlTypes: [CanisterId],
    args: [{ canister_id: Principal.fromText(canister) }],
  });
}

/** Installs the module assembled from the canister's chunk store; the IC checks `moduleHash`. */
export async function installChunked(
  platform: Platform,
  canister: string,
  chunkHashes: Uint8Array[],
  wasmModuleHash: Uint8Array,
  reinstall: boolean,
): Promise<void> {
  await platform.call(MANAGEMENT, 'install_chunked_code', {
    paramIdlTypes: [InstallChunkedArgs],
    args: [
      {
        mode: reinstall ? { reinstall: null } : { install: null },
        target_canister: Principal.fromText(canister),
        store_canister: [],
        chunk_hashes_list: chunkHashes.map((hash) => ({ hash })),
        wasm_module_hash: wasmModuleHash,
        arg: NO_ARGS,
        sender_canister_version: [],
      },
    ],
  });
}

/**
 * Uploads `chunks` into the canister's own chunk store and installs (or reinstalls) the module
 * they form, clearing the store before and after. Every step is safe to repeat.
 */
export async function installFromChunks(
  platform: Platform,
  canister: string,
  chunks: Uint8Array[],
  wasmModuleHash: Uint8Array,
  reinstall: boolean,
): Promise<void> {
  await clearChunkStore(platform, canister);
  const hashes: Uint8Array[] = [];
  for (const chunk of chunks)
    hashes.push(Uint8Array.from(await uploadChunk(platform, canister, chunk)));
  await installChunked(platform, canister, hashes, wasmModuleHash, reinstall);
  await clearChunkStore(platform, canister);
}
