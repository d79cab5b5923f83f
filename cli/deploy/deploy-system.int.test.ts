import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Actor, CanisterStatus, HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWithAzle } from '../build/azle-build.ts';
import { runLocalnet, type RunningLocalnet } from '../localnet/run-localnet.ts';
import { readCanisterIds } from './canister-ids-file.ts';
import { deploySystem, type DeployedCanister } from './deploy-system.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
const plan = [
  { name: 'hello', type: 'hello', group: 'app' },
  { name: 'hello_1', type: 'hello', group: 'app' },
];
const helloIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    get_message: I.Func([], [I.Text], ['query']),
    set_message: I.Func([I.Text], [], []),
  });
type Hello = { get_message(): Promise<string>; set_message(text: string): Promise<void> };

const deployer = Ed25519KeyIdentity.generate();
let folder: string;
let helloWasm: string;
let network: RunningLocalnet;
let agent: HttpAgent;

async function startNetwork(stateDir: string) {
  network = await runLocalnet({ port: 0, stateDir });
  agent = await HttpAgent.create({
    host: network.url,
    identity: deployer,
    shouldFetchRootKey: true,
  });
}

const deploy = (wasmPath = helloWasm, idsFile = join(folder, 'state', 'canister_ids.json')) =>
  deploySystem({
    agent,
    plan,
    wasmPaths: new Map([['hello', wasmPath]]),
    canisterIdsFile: idsFile,
    network: 'local',
  });

const summary = (deployed: DeployedCanister[]) =>
  deployed.map(({ name, created, action }) => ({ name, created, action }));
const hello = (id: string) => Actor.createActor<Hello>(helloIdl, { agent, canisterId: id });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deploy-system-'));
  helloWasm = (
    await buildWithAzle({
      name: 'hello',
      root: fixtures,
      sourceDirs: [`${fixtures}/canisters/hello`],
    })
  ).wasmPath;
  await startNetwork(join(folder, 'state'));
});
afterAll(async () => {
  await network?.stop();
  await rm(folder, { recursive: true, force: true });
});

describe('deploySystem', () => {
  let first: DeployedCanister[];

  it('creates and installs every planned canister and records the ids in dfx format', async () => {
    first = await deploy();
    expect(summary(first)).toEqual([
      { name: 'hello', created: true, action: 'installed' },
      { name: 'hello_1', created: true, action: 'installed' },
    ]);
    expect(await readCanisterIds(join(folder, 'state', 'canister_ids.json'))).toEqual({
      hello: { local: first[0]!.id },
      hello_1: { local: first[1]!.id },
    });
    const status = await CanisterStatus.request({
      agent,
      canisterId: Principal.fromText(first[0]!.id),
      paths: ['controllers'],
    });
    expect((status.get('controllers') as Principal[]).map((p) => p.toText())).toEqual([
      deployer.getPrincipal().toText(),
    ]);
  });

  it('skips unchanged modules, keeping ids and state', async () => {
    await hello(first[0]!.id).set_message('kept');
    const again = await deploy();
    expect(summary(again).map((entry) => entry.action)).toEqual(['unchanged', 'unchanged']);
    expect(again.map((entry) => entry.id)).toEqual(first.map((entry) => entry.id));
    expect(await hello(first[0]!.id).get_message()).toBe('kept');
  });

  it('upgrades when the Wasm hash changed', async () => {
    const original = new Uint8Array(await readFile(helloWasm));
    // A custom section (id 0, name "x", no payload) changes the hash and nothing else.
    const changed = new Uint8Array([...original, 0, 2, 1, 0x78]);
    const changedPath = join(folder, 'hello-changed.wasm');
    await writeFile(changedPath, changed);
    const upgraded = await deploy(changedPath);
    expect(summary(upgraded).map((entry) => entry.action)).toEqual(['upgraded', 'upgraded']);
    const status = await CanisterStatus.request({
      agent,
      canisterId: Principal.fromText(first[0]!.id),
      paths: ['module_hash'],
    });
    expect(status.get('module_hash')).toBe(Buffer.from(sha256(changed)).toString('hex'));
  });

  it('reuses recorded ids after a restart and creates new ones on a network that lacks them', async () => {
    await network.stop();
    await startNetwork(join(folder, 'state'));
    expect(summary(await deploy())).toEqual([
      { name: 'hello', created: false, action: 'upgraded' },
      { name: 'hello_1', created: false, action: 'upgraded' },
    ]);
    await network.stop();
    await startNetwork(join(folder, 'fresh'));
    const idsFile = join(folder, 'fresh-ids.json');
    await writeFile(idsFile, JSON.stringify({ hello: { local: first[0]!.id, ic: 'aaaaa-aa' } }));
    const onFresh = await deploy(helloWasm, idsFile);
    expect(summary(onFresh)[0]).toEqual({ name: 'hello', created: true, action: 'installed' });
    expect((await readCanisterIds(idsFile)).hello).toEqual({
      local: onFresh[0]!.id,
      ic: 'aaaaa-aa',
    });
  });
});
