import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { buildCanisters } from '../build/build-canisters.ts';
import { scaffoldCanister } from './scaffold-canister.ts';

// A freshly scaffolded type must build with Azle and work on localnet as generated. The scaffold
// and its build live in a git-ignored folder inside the repository (Azle resolves imports there).
const ROOT = fileURLToPath(new URL('./.azle/scaffold', import.meta.url));
const FRAMEWORK_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const canistersDir = join(ROOT, 'canisters');
const alice = Principal.fromUint8Array(new Uint8Array([5, 1]));
const bob = Principal.fromUint8Array(new Uint8Array([5, 2]));

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
interface Item {
  id: string;
  text: string;
  created_at: bigint;
}
interface Service {
  add_item(text: string): Promise<Reply<Item>>;
  my_items(): Promise<Item[]>;
  remove_item(id: string): Promise<Reply<null>>;
  health_check(): Promise<{ status: Record<string, null> }>;
}

let network: LocalNetwork;
let actor: Actor<Service>;

beforeAll(async () => {
  await rm(canistersDir, { recursive: true, force: true });
  await mkdir(canistersDir, { recursive: true });
  const scaffolded = await scaffoldCanister({
    repoRoot: FRAMEWORK_ROOT,
    canistersDir,
    type: 'notebook',
    systemFile: false,
  });
  expect(scaffolded.ok).toBe(true);
  const build = await buildCanisters({
    names: ['notebook'],
    canistersDir,
    systemFile: false,
    outRoot: join(ROOT, 'out'),
    log: () => {},
  });
  if (!build.ok) throw new Error(JSON.stringify(build, null, 1));
  const [built] = build.built;
  const { idlFactory } = (await import(built!.bindingsPath)) as {
    idlFactory: IDL.InterfaceFactory;
  };
  network = await LocalNetwork.create();
  ({ actor } = await network.setupCanister<Service>({
    idlFactory,
    wasm: new Uint8Array(await readFile(built!.wasmPath)),
    arg: new Uint8Array(IDL.encode([], [])),
    sender: alice,
  }));
}, 600_000);

afterAll(async () => {
  await network?.tearDown();
});

describe('icp-calendar new: the scaffolded canister', () => {
  it('adds, lists and removes items per owner; refuses bad input and strangers with codes', async () => {
    actor.setPrincipal(alice);
    const first = await actor.add_item('  buy milk ');
    const second = await actor.add_item('call Bob');
    if (!('Ok' in first) || !('Ok' in second)) throw new Error('expected two items');
    expect((await actor.my_items()).map((item) => item.text)).toEqual(['buy milk', 'call Bob']);
    expect(await actor.add_item(' ')).toMatchObject({ Err: { code: 'INPUT_INVALID' } });

    actor.setPrincipal(bob);
    expect(await actor.my_items()).toEqual([]);
    expect(await actor.remove_item(first.Ok.id)).toMatchObject({ Err: { code: 'NOT_FOUND' } });
    actor.setPrincipal(Principal.anonymous());
    expect(await actor.add_item('x')).toMatchObject({ Err: { code: 'AUTH_ANONYMOUS' } });

    actor.setPrincipal(alice);
    expect(await actor.remove_item(first.Ok.id)).toEqual({ Ok: null });
    expect((await actor.my_items()).map((item) => item.text)).toEqual(['call Bob']);
    expect(Object.keys((await actor.health_check()).status)).toHaveLength(1);
  });
});
