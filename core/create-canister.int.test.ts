import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import {
  fixturesRoot,
  generatedDir,
  repoRoot,
  writeGeneratedFixture,
} from '../cli/build/generate-entry-fixtures.ts';
import { LocalNetwork, type Actor } from '../localnet/index.ts';
import {
  type TaskInput,
  type TasksService,
  tasksIdlFactory,
} from './fixtures/canisters/tasks/tasks-idl.ts';

const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(11));
const bob = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(12));
const noArgs = new Uint8Array(IDL.encode([], []));
const input: TaskInput = { title: 'deploy', done: false, priority: 3n, due: [] };

let network: LocalNetwork;
let tasks: Actor<TasksService>;
let canisterId: Principal;
let upgradedWasm: string;

async function build(name: string): Promise<string> {
  const built = await buildWithAzle({
    name,
    root: fixturesRoot,
    sourceDirs: [join(repoRoot, 'core'), generatedDir(name)],
  });
  return built.wasmPath;
}

function ok<T>(reply: { Ok: T } | { Err: { code: string } }): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}`);
  return reply.Ok;
}

function errCode(reply: { Ok: unknown } | { Err: { code: string } }): string | undefined {
  return 'Err' in reply ? reply.Err.code : undefined;
}

beforeAll(async () => {
  await writeGeneratedFixture('tasks');
  // The same YAML-only type plus one more plugin: the upgrade adds a store.
  await writeGeneratedFixture(
    'tasks',
    (config) => ({
      ...config,
      name: 'tasks_plus',
      plugins: [
        { name: 'notes', options: { maxLength: 50 }, dir: join(fixturesRoot, 'plugins', 'notes') },
      ],
      bootOrder: ['notes'],
    }),
    'tasks_plus',
  );
  const wasm = await build('tasks');
  upgradedWasm = await build('tasks_plus');
  network = await LocalNetwork.create();
  const setup = await network.setupCanister<TasksService>({
    idlFactory: tasksIdlFactory,
    wasm,
    arg: noArgs,
    sender: alice.getPrincipal(),
  });
  tasks = setup.actor;
  canisterId = setup.canisterId;
});

afterAll(async () => {
  await network?.tearDown();
});

describe('a YAML-only canister type on localnet', () => {
  it('lets the owner create, list, update and delete', async () => {
    tasks.setIdentity(alice);
    const first = ok(await tasks.create_task(input));
    expect(first.owner.toText()).toBe(alice.getPrincipal().toText());
    const second = ok(await tasks.create_task({ ...input, title: 'celebrate', done: true }));
    expect(ok(await tasks.list_task_mine([], [])).items.map((t) => t.title)).toEqual([
      'deploy',
      'celebrate',
    ]);
    expect(ok(await tasks.list_task_by_done(true, [], [])).items.map((t) => t.id)).toEqual([
      second.id,
    ]);
    expect(ok(await tasks.update_task(first.id, { ...input, title: 'deployed' })).title).toBe(
      'deployed',
    );
    expect(ok(await tasks.delete_task(second.id)).id).toBe(second.id);
    expect(errCode(await tasks.get_task(second.id))).toBe('NOT_FOUND');
  });

  it('refuses another principal and the anonymous caller with typed errors', async () => {
    tasks.setIdentity(alice);
    const mine = ok(await tasks.create_task({ ...input, title: 'private' }));
    tasks.setIdentity(bob);
    expect(errCode(await tasks.get_task(mine.id))).toBe('NOT_FOUND');
    expect(errCode(await tasks.update_task(mine.id, input))).toBe('NOT_FOUND');
    expect(errCode(await tasks.delete_task(mine.id))).toBe('NOT_FOUND');
    expect(ok(await tasks.list_task_mine([], [])).items).toEqual([]);
    tasks.setPrincipal(Principal.anonymous());
    expect(errCode(await tasks.create_task(input))).toBe('AUTH_ANONYMOUS');
    expect(errCode(await tasks.list_task_mine([], []))).toBe('AUTH_ANONYMOUS');
    tasks.setIdentity(alice);
    expect(errCode(await tasks.create_task({ ...input, title: 'x'.repeat(81) }))).toBe(
      'INPUT_TOO_LONG',
    );
  });

  it('keeps every record through an upgrade that adds a plugin with its own store', async () => {
    tasks.setIdentity(alice);
    const before = ok(await tasks.list_task_mine([], []));
    await network.upgradeCanister({
      canisterId,
      wasm: upgradedWasm,
      arg: noArgs,
      sender: alice.getPrincipal(),
    });
    const after = ok(await tasks.list_task_mine([], []));
    expect(after).toEqual(before);
    expect(after.items.length).toBeGreaterThan(0);
    expect(ok(await tasks.add_note!('after the upgrade'))).toBe(0n);
    expect(await tasks.my_notes!()).toEqual(['after the upgrade']);
    const created = ok(await tasks.create_task({ ...input, title: 'post-upgrade' }));
    expect(created.id).toBeGreaterThan(before.items.at(-1)!.id);
  });
});
