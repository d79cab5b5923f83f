import { createHash } from 'node:crypto';

import { Certificate, LookupPathStatus, type HttpAgent } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';

import { cachedBlsVerify } from './cached-bls-verify.ts';
import { managementActor, type InstallMode } from './management-actor.ts';

/** Modules above this go by chunks: an ingress message may carry at most 2 MiB with its envelope. */
const DIRECT_INSTALL_LIMIT = 1_900_000;
const CHUNK_BYTES = 1024 * 1024;
export const LOCAL_CANISTER_CYCLES = 100_000_000_000_000n;

export type InstallAction = 'installed' | 'upgraded' | 'unchanged';

/** What the network certifies about a canister; `exists` is false for an unknown id. */
export async function readCanisterState(
  agent: HttpAgent,
  canisterId: Principal,
): Promise<{ exists: boolean; moduleHash: string | undefined }> {
  const path = (leaf: string) => [
    new TextEncoder().encode('canister'),
    canisterId.toUint8Array(),
    new TextEncoder().encode(leaf),
  ];
  try {
    const { certificate } = await agent.readState(canisterId, {
      paths: [path('controllers'), path('module_hash')],
    });
    const verified = await Certificate.create({
      certificate,
      rootKey: agent.rootKey!,
      canisterId,
      // A deploy reads every canister in turn, mostly within one round: one pairing for them all.
      blsVerify: sharedBlsVerify,
    });
    const controllers = verified.lookup_path(path('controllers'));
    const moduleHash = verified.lookup_path(path('module_hash'));
    return {
      exists: controllers.status === LookupPathStatus.Found,
      moduleHash:
        moduleHash.status === LookupPathStatus.Found
          ? Buffer.from(moduleHash.value).toString('hex')
          : undefined,
    };
  } catch {
    return { exists: false, moduleHash: undefined };
  }
}

const sharedBlsVerify = cachedBlsVerify();

/** Creates a canister controlled by the agent's identity, with cycles (local networks only). */
export async function createCanister(
  agent: HttpAgent,
  anyCanisterOnSubnet: Principal,
): Promise<Principal> {
  const management = managementActor(agent, anyCanisterOnSubnet);
  const { canister_id } = await management.provisional_create_canister_with_cycles({
    amount: [LOCAL_CANISTER_CYCLES],
    settings: [{ controllers: [[await agent.getPrincipal()]] }],
    specified_id: [],
    sender_canister_version: [],
  });
  return canister_id;
}

/** Replaces a running module: a plain upgrade by default, the safe upgrade (safe-upgrade.ts) in deploy. */
export type UpgradeModule = (
  agent: HttpAgent,
  canisterId: Principal,
  wasm: Uint8Array,
  arg: Uint8Array,
) => Promise<void>;

export const plainUpgrade: UpgradeModule = (agent, canisterId, wasm, arg) =>
  writeModule(agent, canisterId, wasm, arg, { upgrade: [] });

/**
 * Installs `wasm`, upgrades when another module runs there, and does nothing when the hash
 * matches. `state` is the canister's state when the caller has just read it.
 */
export async function installModule(
  agent: HttpAgent,
  canisterId: Principal,
  wasm: Uint8Array,
  arg: Uint8Array,
  upgrade: UpgradeModule = plainUpgrade,
  state?: { moduleHash: string | undefined },
): Promise<InstallAction> {
  const { moduleHash } = state ?? (await readCanisterState(agent, canisterId));
  if (moduleHash === createHash('sha256').update(wasm).digest('hex')) return 'unchanged';
  if (moduleHash === undefined) await writeModule(agent, canisterId, wasm, arg, { install: null });
  else await upgrade(agent, canisterId, wasm, arg);
  return moduleHash === undefined ? 'installed' : 'upgraded';
}

/** install_code in `mode`, by chunks when the module is too big for one ingress message. */
export async function writeModule(
  agent: HttpAgent,
  canisterId: Principal,
  wasm: Uint8Array,
  arg: Uint8Array,
  mode: InstallMode,
): Promise<void> {
  const wasmHash = new Uint8Array(createHash('sha256').update(wasm).digest());
  const management = managementActor(agent, canisterId);
  if (wasm.length <= DIRECT_INSTALL_LIMIT) {
    await management.install_code({
      mode,
      canister_id: canisterId,
      wasm_module: wasm,
      arg,
      sender_canister_version: [],
    });
  } else {
    await management.clear_chunk_store({ canister_id: canisterId });
    const hashes: { hash: Uint8Array }[] = [];
    for (let offset = 0; offset < wasm.length; offset += CHUNK_BYTES) {
      hashes.push(
        await management.upload_chunk({
          canister_id: canisterId,
          chunk: wasm.slice(offset, offset + CHUNK_BYTES),
        }),
      );
    }
    await management.install_chunked_code({
      mode,
      target_canister: canisterId,
      store_canister: [],
      chunk_hashes_list: hashes,
      wasm_module_hash: wasmHash,
      arg,
      sender_canister_version: [],
    });
    await management.clear_chunk_store({ canister_id: canisterId });
  }
}
