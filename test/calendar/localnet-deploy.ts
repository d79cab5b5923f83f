import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';

import { Engine } from '../../localnet/engine/engine.ts';
import { MANAGEMENT_METHODS } from '../../localnet/engine/management/management-idl.ts';
import { engineBackend, provideDataCertificates } from '../../localnet/http/engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from '../../localnet/http/server.ts';

/** Test support: localnet's HTTP server over the engine, and dfx-style deploys through an agent. */
const CHUNK = 1024 * 1024;
const managementIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service(
    Object.fromEntries(
      Object.entries(MANAGEMENT_METHODS).map(([name, s]) => [
        name,
        I.Func(s.args as [], s.rets as [], []),
      ]),
    ),
  );
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Management = ActorSubclass<Record<string, (...args: any[]) => Promise<any>>>;

export interface Localnet {
  engine: Engine;
  server: LocalnetHttpServer;
  agent(identity?: Identity): Promise<HttpAgent>;
  close(): Promise<void>;
}

export async function startLocalnet(): Promise<Localnet> {
  const engine = new Engine();
  const server = await createHttpServer({ backend: engineBackend(engine), port: 0 });
  provideDataCertificates(engine, server);
  return {
    engine,
    server,
    agent: (identity) =>
      HttpAgent.create({
        host: server.url,
        shouldFetchRootKey: true,
        ...(identity ? { identity } : {}),
      }),
    close: () => server.close(),
  };
}

function management(agent: HttpAgent, effective: Principal): Management {
  return Actor.createActor(managementIdl, {
    agent,
    canisterId: Principal.managementCanister(),
    effectiveCanisterId: effective,
  }) as Management;
}

/** Installs (or upgrades) a module by chunks, as dfx does for modules over 2 MiB. */
export async function installChunked(
  agent: HttpAgent,
  canisterId: Principal,
  module: Uint8Array,
  mode: 'install' | 'upgrade',
): Promise<void> {
  const onCanister = management(agent, canisterId);
  await onCanister.clear_chunk_store({ canister_id: canisterId });
  const hashes: { hash: Uint8Array }[] = [];
  for (let offset = 0; offset < module.length; offset += CHUNK) {
    hashes.push(
      await onCanister.upload_chunk({
        canister_id: canisterId,
        chunk: module.slice(offset, offset + CHUNK),
      }),
    );
  }
  await onCanister.install_chunked_code({
    mode: mode === 'install' ? { install: null } : { upgrade: [] },
    target_canister: canisterId,
    store_canister: [],
    chunk_hashes_list: hashes,
    wasm_module_hash: sha256(module),
    arg: new Uint8Array(IDL.encode([], [])),
    sender_canister_version: [],
  });
}

export async function deployOverHttp(agent: HttpAgent, module: Uint8Array): Promise<Principal> {
  const anywhere = management(agent, Principal.fromText('lxzze-o7777-77777-aaaaa-cai'));
  const { canister_id } = await anywhere.provisional_create_canister_with_cycles({
    amount: [],
    settings: [],
    specified_id: [],
    sender_canister_version: [],
  });
  await installChunked(agent, canister_id, module, 'install');
  return canister_id;
}
