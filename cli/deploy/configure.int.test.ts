import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HttpAgent } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildCanisters } from '../build/build-canisters.ts';
import { runLocalnet, type RunningLocalnet } from '../localnet/run-localnet.ts';
import { authActor, registrySetByAudit } from './auth-actor.ts';
import type { PlannedCanister } from './deploy-plan.ts';
import { deploySystem, type DeployedCanister } from './deploy-system.ts';
import { registryActor, unwrap } from './registry-actor.ts';

const groups = [
  { name: 'system', description: 'infrastructure' },
  { name: 'app', description: 'user data' },
];
const fullPlan: PlannedCanister[] = [
  { name: 'registry', type: 'registry', group: 'system' },
  { name: 'user_registry_0', type: 'user_registry', group: 'app', shard: '0' },
  { name: 'user_registry_1', type: 'user_registry', group: 'app', shard: '1' },
];

const deployer = Ed25519KeyIdentity.generate();
let folder: string;
let network: RunningLocalnet;
let agent: HttpAgent;
let wasmPaths: Map<string, string>;

async function deploy(plan = fullPlan) {
  const lines: string[] = [];
  const deployed = await deploySystem({
    agent,
    plan,
    wasmPaths,
    canisterIdsFile: join(folder, 'canister_ids.json'),
    network: 'local',
    groups,
    log: (line) => lines.push(line),
  });
  return { deployed, configureLine: lines.find((line) => line.startsWith('configure:')) };
}

const idOf = (deployed: DeployedCanister[], name: string) =>
  deployed.find((canister) => canister.name === name)!.id;

async function membersOf(registryId: string, group: string) {
  const { members } = unwrap(
    await registryActor(agent, Principal.fromText(registryId)).list_group(group),
    `list_group ${group}`,
  );
  return members
    .map((member) => ({
      canister: member.canister.toText(),
      kind: member.kind,
      shard: member.shard[0],
      addedAt: member.added_at,
    }))
    .sort((a, b) => a.canister.localeCompare(b.canister));
}

async function auditLength(canisterId: string) {
  const page = unwrap(
    await authActor(agent, Principal.fromText(canisterId)).auth_audit_log(0n, 100),
    'auth_audit_log',
  );
  return page.entries.length;
}

beforeAll(async () => {
  const built = await buildCanisters({
    names: ['registry', 'user_registry'],
    log: () => undefined,
  });
  if (!built.ok)
    throw new Error(built.failures.map((f) => `${f.name}: ${f.error.message}`).join('\n'));
  wasmPaths = new Map(built.built.map((entry) => [entry.name, entry.wasmPath]));
  folder = await mkdtemp(join(tmpdir(), 'deploy-configure-'));
  network = await runLocalnet({ port: 0, stateDir: join(folder, 'state') });
  agent = await HttpAgent.create({
    host: network.url,
    identity: deployer,
    shouldFetchRootKey: true,
  });
}, 300_000);
afterAll(async () => {
  await network?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('deploy configure step', () => {
  let first: DeployedCanister[];

  it('registers every group with its members, typed and sharded', async () => {
    const result = await deploy();
    first = result.deployed;
    expect(result.configureLine).toMatch(/2 group\(s\) \(2 new\), members \+3 -0/);
    expect(result.configureLine).toMatch(/auth → registry on 3 canister\(s\) \(3 set now\)/);
    expect(result.configureLine).not.toContain('WARNING');
    const registryId = idOf(first, 'registry');
    const listed = await registryActor(agent, Principal.fromText(registryId)).list_groups();
    expect(listed.map(({ name, description, size }) => ({ name, description, size }))).toEqual(
      expect.arrayContaining([
        { name: 'system', description: 'infrastructure', size: 1 },
        { name: 'app', description: 'user data', size: 2 },
      ]),
    );
    expect(listed).toHaveLength(2);
    expect((await membersOf(registryId, 'system')).map(({ addedAt: _, ...m }) => m)).toEqual([
      { canister: registryId, kind: 'registry', shard: undefined },
    ]);
    const app = [
      { canister: idOf(first, 'user_registry_0'), kind: 'user_registry', shard: '0' },
      { canister: idOf(first, 'user_registry_1'), kind: 'user_registry', shard: '1' },
    ].sort((a, b) => a.canister.localeCompare(b.canister));
    expect((await membersOf(registryId, 'app')).map(({ addedAt: _, ...m }) => m)).toEqual(app);
  });

  it('points the auth plugin of every canister at the registry', async () => {
    const registryId = idOf(first, 'registry');
    for (const canister of first) {
      const auth = authActor(agent, Principal.fromText(canister.id));
      expect(await registrySetByAudit(auth)).toBe(registryId);
    }
  });

  it('changes nothing on a second deploy', async () => {
    const registryId = idOf(first, 'registry');
    const before = {
      app: await membersOf(registryId, 'app'),
      system: await membersOf(registryId, 'system'),
      audit: await Promise.all(first.map((canister) => auditLength(canister.id))),
    };
    const again = await deploy();
    expect(again.deployed.map((canister) => canister.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(again.configureLine).toMatch(/\(0 new\), members \+0 -0, .*\(0 set now\)/);
    expect({
      app: await membersOf(registryId, 'app'),
      system: await membersOf(registryId, 'system'),
      audit: await Promise.all(first.map((canister) => auditLength(canister.id))),
    }).toEqual(before);
  });

  it('removes members the deployment no longer has', async () => {
    const registryId = idOf(first, 'registry');
    const fewer = await deploy(fullPlan.slice(0, 2));
    expect(fewer.configureLine).toMatch(/members \+0 -1/);
    expect((await membersOf(registryId, 'app')).map((member) => member.canister)).toEqual([
      idOf(first, 'user_registry_0'),
    ]);
  });
});
