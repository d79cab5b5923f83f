import { IDL, type Platform, Principal } from '../../core/index.ts';

/** The management canister methods provisioning calls: the real IC API, no provisional method. */
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
const StatusReply = IDL.Record({ module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)) });

const MANAGEMENT = Principal.managementCanister();
const NO_ARGS = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]); // Candid "DIDL" with no values

/** Creates a canister with `cycles` from the caller's balance; the given principals control it. */
export async function createCanister(
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

export async function moduleHash(
  platform: Platform,
  canister: string,
): Promise<Uint8Array | undefined> {
  const reply = await platform.call<{ module_hash: [] | [Uint8Array] }>(
    MANAGEMENT,
    'canister_status',
    {
      paramIdlTypes: [CanisterId],
      returnIdlType: StatusReply,
      args: [{ canister_id: Principal.fromText(canister) }],
    },
  );
  return reply.module_hash[0];
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
