import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, CanisterStatus, HttpAgent, type ActorSubclass } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { buildWithAzle } from '../../cli/build/azle-build.ts';
import {
  probeIdlFactory,
  type ProbeService,
} from '../../test/fixtures/canisters/probe/probe-idl.ts';
import { Engine } from '../engine/engine.ts';
import { MANAGEMENT_METHODS } from '../engine/management/management-idl.ts';
import { toHex } from './bytes.ts';
import { engineBackend, provideDataCertificates } from './engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from './server.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
const deployer = Ed25519KeyIdentity.generate();
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

let wasm: Uint8Array;
let server: LocalnetHttpServer;
let agent: HttpAgent;
let probeId: Principal;
let probe: ActorSubclass<ProbeService>;

beforeAll(async () => {
  const built = await buildWithAzle({
    name: 'probe',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/probe`],
  });
  wasm = new Uint8Array(await readFile(built.wasmPath));
  const engine = new Engine();
  server = await createHttpServer({ backend: engineBackend(engine), port: 0 });
  provideDataCertificates(engine, server);
  agent = await HttpAgent.create({
    host: server.url,
    shouldFetchRootKey: true,
    identity: deployer,
  });
  probeId = await deployOverHttp(wasm, IDL.encode([IDL.Text], ['hello over http']));
  probe = Actor.createActor<ProbeService>(probeIdlFactory, { agent, canisterId: probeId });
});
afterAll(() => server?.close());

/** What dfx and pic-js do for a module over 2 MiB: create, upload chunks, install_chunked_code. */
async function deployOverHttp(module: Uint8Array, arg: Uint8Array): Promise<Principal> {
  const anywhere = Actor.createActor(managementIdl, {
    agent,
    canisterId: Principal.managementCanister(),
    effectiveCanisterId: Principal.fromText('lxzze-o7777-77777-aaaaa-cai'),
  }) as Management;
  const { canister_id } = await anywhere.provisional_create_canister_with_cycles({
    amount: [],
    settings: [],
    specified_id: [],
    sender_canister_version: [],
  });
  const onCanister = Actor.createActor(managementIdl, {
    agent,
    canisterId: Principal.managementCanister(),
    effectiveCanisterId: canister_id,
  }) as Management;
  const hashes: Array<{ hash: Uint8Array }> = [];
  for (let offset = 0; offset < module.length; offset += CHUNK) {
    hashes.push(
      await onCanister.upload_chunk({ canister_id, chunk: module.slice(offset, offset + CHUNK) }),
    );
  }
  await onCanister.install_chunked_code({
    mode: { install: null },
    target_canister: canister_id,
    store_canister: [],
    chunk_hashes_list: hashes,
    wasm_module_hash: sha256(module),
    arg,
    sender_canister_version: [],
  });
  return canister_id;
}

describe('HTTP interface over the real engine and a real Azle canister', () => {
  it('deployed the >2 MiB module by chunks through the management canister', async () => {
    expect(wasm.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(await probe.greet()).toBe('hello over http');
  });

  it('runs updates and verified queries for a signed sender', async () => {
    const before = await probe.counter();
    expect(await probe.increment(3)).toBe(before + 3);
    expect(await probe.counter()).toBe(before + 3);
    expect((await probe.whoami()).toText()).toBe(deployer.getPrincipal().toText());
  });

  it('certifies a trap as reject 5', async () => {
    await expect(probe.boom('kaput')).rejects.toThrow(/IC050[23]/);
  });

  it('certifies module_hash and controllers of the installed canister', async () => {
    const status = await CanisterStatus.request({
      canisterId: probeId,
      agent,
      paths: ['module_hash', 'controllers'],
    });
    expect(status.get('module_hash')).toBe(toHex(sha256(wasm)));
    expect((status.get('controllers') as Principal[]).map((p) => p.toText())).toEqual([
      deployer.getPrincipal().toText(),
    ]);
  });
});
