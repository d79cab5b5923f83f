import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { CanisterStatus, HttpAgent, type SignIdentity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { CyclesLedger } from '../../localnet/engine/cycles-ledger/cycles-ledger.ts';
import { cyclesLedgerOf } from '../../localnet/engine/cycles-ledger/mainnet-like.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { runLocalnet, type RunningLocalnet } from '../localnet/run-localnet.ts';
import { buildSystem, type SystemBuild } from './build-system.ts';
import { CYCLES_LEDGER_FEE } from './cycles-ledger-client.ts';
import { loadDeployIdentity } from './deploy-identity.ts';
import { deployToNetwork, type NetworkDeployOptions } from './deploy-network.ts';
import type { DeployedCanister } from './deploy-system.ts';
import { CANISTER_CREATION_FEE } from './network-plan.ts';
import { registryActor } from './registry-actor.ts';
import {
  comesUpDegradedWasm,
  trapsInPostUpgradeWasm,
  withVersionSection,
} from './testing/broken-modules.ts';
import { ed25519Pem, secp256k1Pem } from './testing/test-pems.ts';

// The whole system of config/system.yaml (real Azle Wasm, content-hash cached) on
// localnet in mainnet-like mode: provisional calls refused, canisters from the cycles ledger.
const T = 1_000_000_000_000n;
/** Enough for every canister of the system at 2 T each, with room for top-ups. */
const MINTED = 40n * T;
/** What the ledger keeps after creating every canister of the plan once. */
const afterCreation = () => MINTED - BigInt(built.plan.length) * (2n * T + CYCLES_LEDGER_FEE);
const bin = fileURLToPath(new URL('../bin.js', import.meta.url));
let folder: string;
let network: RunningLocalnet;
let ledger: CyclesLedger;
let built: Extract<SystemBuild, { ok: true }>;
let config: Pick<NetworkDeployOptions, 'system' | 'types'>;
const fetchRootKey = vi.spyOn(HttpAgent.prototype, 'fetchRootKey');
const calls = vi.spyOn(HttpAgent.prototype, 'call');
const calledMethods = () => calls.mock.calls.map((call) => call[1].methodName);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deploy-mainnet-'));
  const set = await loadConfigSet();
  if (!set.ok || !set.system) throw new Error('config/ does not load');
  config = { system: set.system, types: set.canisters };
  const result = await buildSystem('local', () => undefined);
  if (!result.ok) throw new Error(result.message);
  built = result;
  network = await runLocalnet({ port: 0, stateDir: join(folder, 'state'), mainnetLike: true });
  ledger = cyclesLedgerOf(network.engine)!;
}, 900_000);

afterAll(async () => {
  await network?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function pemIdentity(name: string, pem: string): Promise<SignIdentity> {
  const file = join(folder, `${name}.pem`);
  await writeFile(file, pem, { mode: 0o600 });
  return loadDeployIdentity({ identityPem: file });
}

function deploy(identity: SignIdentity, variant: string, wasmPaths = built.wasmPaths) {
  const log: string[] = [];
  const run = deployToNetwork({
    ...config,
    environment: 'local',
    projectRoot: folder,
    identity,
    host: network.url,
    noProvisional: true,
    rootKey: new Uint8Array(Buffer.from(network.rootKeyHex, 'hex')),
    cycles: 2n * T,
    canisterIdsFile: join(folder, variant, 'canister_ids.json'),
    log: (line) => log.push(line),
    build: async () => ({ ...built, wasmPaths }),
  });
  return { run, log };
}

async function moduleHash(agent: HttpAgent, id: string): Promise<string | undefined> {
  const status = await CanisterStatus.request({
    agent,
    canisterId: Principal.fromText(id),
    paths: ['module_hash'],
  });
  return status.get('module_hash') as string | undefined;
}

const idOf = (deployed: DeployedCanister[], name: string) =>
  deployed.find((canister) => canister.name === name)!.id;

describe.each([
  ['Ed25519', ed25519Pem],
  ['secp256k1', secp256k1Pem],
])('deploy on a mainnet-like network with a %s PEM identity', (variant, pem) => {
  let identity: SignIdentity;
  let agent: HttpAgent;
  let deployed: DeployedCanister[];

  beforeAll(async () => {
    identity = await pemIdentity(variant, pem());
    ledger.mint(identity.getPrincipal(), MINTED);
    agent = await HttpAgent.create({
      host: network.url,
      identity,
      rootKey: new Uint8Array(Buffer.from(network.rootKeyHex, 'hex')),
    });
    calls.mockClear();
    fetchRootKey.mockClear();
  });

  it('creates every canister through the cycles ledger, installs and configures', async () => {
    const { run, log } = deploy(identity, variant);
    const result = await run;
    if (result.status !== 'deployed') throw new Error(result.status);
    deployed = result.deployed;
    expect(deployed.map(({ name, created, action }) => [name, created, action])).toEqual(
      built.plan.map(({ name }) => [name, true, 'installed']),
    );
    expect(deployed.map(({ name }) => name)).toContain('registry');
    expect(ledger.balanceOf(identity.getPrincipal())).toBe(afterCreation());
    const registry = network.engine.getCanister(idOf(deployed, 'registry'))!;
    // The deployer, plus the canisters that act on the registry as controllers: the load balancer
    // (registers provisioned shards) and the backup canister (snapshots, restores).
    expect(registry.controllers.map((p) => p.toText()).sort()).toEqual(
      [
        identity.getPrincipal().toText(),
        idOf(deployed, 'load_balancer'),
        idOf(deployed, 'backup'),
      ].sort(),
    );
    expect(registry.cycles).toBeLessThan(2n * T - CANISTER_CREATION_FEE);
    expect(registry.cycles).toBeGreaterThan(T);
    const groups = await registryActor(
      agent,
      Principal.fromText(idOf(deployed, 'registry')),
    ).list_groups();
    // Every planned canister is a member of its system.yaml group.
    const planned = (group: string) => built.plan.filter((entry) => entry.group === group).length;
    expect(groups.map((group) => [group.name, group.size])).toEqual(
      expect.arrayContaining([
        ['system', planned('system')],
        ['app', planned('app')],
      ]),
    );
    expect(log.join('\n')).toContain(`calendar ${idOf(deployed, 'calendar')} → user registry`);
    const ids = JSON.parse(await readFile(join(folder, variant, 'canister_ids.json'), 'utf8'));
    expect(ids.registry.local).toBe(idOf(deployed, 'registry'));
  }, 600_000);

  it('never called a provisional method nor fetched the root key', () => {
    expect(calledMethods().length).toBeGreaterThan(5);
    expect(calledMethods()).toContain('create_canister');
    expect(calledMethods().filter((method) => method.startsWith('provisional_'))).toEqual([]);
    expect(fetchRootKey).not.toHaveBeenCalled();
  });

  it.runIf(variant === 'Ed25519')(
    'a second deploy reuses every canister and changes nothing',
    async () => {
      const result = await deploy(identity, variant).run;
      if (result.status !== 'deployed') throw new Error(result.status);
      expect(result.deployed.map((canister) => [canister.created, canister.action])).toEqual(
        built.plan.map(() => [false, 'unchanged']),
      );
      expect(ledger.balanceOf(identity.getPrincipal())).toBe(afterCreation());
    },
    300_000,
  );

  it.runIf(variant === 'Ed25519')(
    'upgrades safely, and rolls a broken or degraded version back to the old module and data',
    async () => {
      const registryId = idOf(deployed, 'registry');
      const registry = registryActor(agent, Principal.fromText(registryId));
      const original = await moduleHash(agent, registryId);
      const groupsBefore = (await registry.list_groups()).map((group) => group.name).sort();

      const v2Path = join(folder, 'registry-v2.wasm');
      await writeFile(
        v2Path,
        withVersionSection(new Uint8Array(await readFile(built.wasmPaths.get('registry')!)), '2'),
      );
      const upgrade = deploy(
        identity,
        variant,
        new Map([...built.wasmPaths, ['registry', v2Path]]),
      );
      const upgraded = await upgrade.run;
      if (upgraded.status !== 'deployed') throw new Error(upgraded.status);
      expect(upgraded.deployed[0]!.action).toBe('upgraded');
      const v2 = await moduleHash(agent, registryId);
      expect(v2).not.toBe(original);
      expect(upgrade.log.some((line) => line.includes('snapshot') && line.includes('taken'))).toBe(
        true,
      );
      expect((await registry.list_groups()).map((group) => group.name).sort()).toEqual(
        groupsBefore,
      );

      for (const [label, wasm, reason] of [
        ['trap', trapsInPostUpgradeWasm(), /install_code refused/],
        ['degraded', comesUpDegradedWasm(), /health_check says degraded \(failing: stores\)/],
      ] as const) {
        const path = join(folder, `registry-${label}.wasm`);
        await writeFile(path, wasm);
        const broken = deploy(identity, variant, new Map([...built.wasmPaths, ['registry', path]]));
        const error = (await broken.run.then(
          () => new Error('the broken upgrade was kept'),
          (failure: Error) => failure,
        )) as Error;
        expect(error.message).toMatch(/^DEPLOY_UPGRADE_ROLLED_BACK/);
        expect(error.message).toMatch(reason);
        expect(broken.log.some((line) => line.includes('rolling back'))).toBe(true);
        expect(await moduleHash(agent, registryId)).toBe(v2);
        expect((await registry.list_groups()).map((group) => group.name).sort()).toEqual(
          groupsBefore,
        );
        expect(network.engine.getCanister(registryId)!.status).toBe('running');
      }
    },
    600_000,
  );

  it.runIf(variant === 'Ed25519')(
    'configure alone re-wires what is missing; topup and status go through the same identity',
    async () => {
      const cli = (...args: string[]) =>
        promisify(execFile)(process.execPath, [
          bin,
          ...args,
          '--network',
          'local',
          '--no-provisional',
          '--host',
          network.url,
          '--root-key',
          network.rootKeyHex,
          '--identity-pem',
          join(folder, `${variant}.pem`),
          '--canister-ids',
          join(folder, variant, 'canister_ids.json'),
        ]);
      const registryId = Principal.fromText(idOf(deployed, 'registry'));
      const calendarId = Principal.fromText(idOf(deployed, 'calendar'));
      const registry = registryActor(agent, registryId);
      expect(await registry.remove_canister_from_group('app', calendarId)).toHaveProperty('Ok');
      const configured = await cli('configure');
      expect(configured.stdout).toMatch(/members \+1 -0/);
      const app = await registry.list_group('app');
      if (!('Ok' in app)) throw new Error('list_group failed');
      expect(app.Ok.members.map((member) => member.canister.toText())).toContain(
        calendarId.toText(),
      );

      const before = network.engine.getCanister(calendarId)!.cycles;
      const balance = ledger.balanceOf(identity.getPrincipal());
      const topped = await cli('topup', 'calendar', '--cycles', '1T');
      expect(topped.stdout).toContain(`topup calendar (${calendarId.toText()}): +1.00 T`);
      expect(network.engine.getCanister(calendarId)!.cycles - before).toBeGreaterThan(T - T / 100n);
      expect(ledger.balanceOf(identity.getPrincipal())).toBe(balance - T - CYCLES_LEDGER_FEE);

      const status = await cli('status');
      expect(status.stdout).toMatch(/canister\s+id\s+state\s+cycles\s+burn\/day\s+runway/);
      expect(status.stdout).toContain(registryId.toText());
      // The load balancer's table: shards and placements, then migrations (none here).
      expect(status.stdout).toMatch(/^shards \(load balancer, \w+\): \d+ users placed$/m);
      expect(status.stdout).toMatch(/^ {2}shard 0 {2}\S+ {2}\w+ +weight \d+ {2}users \d+$/m);
      expect(status.stdout).toMatch(/^migrations: 0 in progress, 0 users moved$/m);
      expect(fetchRootKey).not.toHaveBeenCalled();
    },
    300_000,
  );
});
