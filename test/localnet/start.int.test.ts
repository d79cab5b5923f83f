import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { HttpAgent } from '@dfinity/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { loadOrCreateDeployer } from '../../cli/deploy/deployer-identity.ts';
import { writeModule } from '../../cli/deploy/install-module.ts';
import { managementActor } from '../../cli/deploy/management-actor.ts';
import { agentLinkActors } from '../../cli/deploy/link-calendar-system.ts';

import { CliProcess } from './localnet-process.ts';

const CALENDAR_WASM = fileURLToPath(new URL('../../.azle/calendar/calendar.wasm', import.meta.url));

let stateDir: string;
let ids: Record<string, { local: string }> = {};
const idOf = (prefix: string) =>
  Object.entries(ids).find(([name]) => name.startsWith(prefix))![1].local;
let start: CliProcess;
let localnetUrl: string;
let demoUrl: string;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'icp-calendar-start-'));
  start = new CliProcess(['start', '--port', '0', '--state-dir', stateDir]);
  await start.waitFor(/ready in [\d.]+ s/, 540_000);
  localnetUrl = start.text.match(/localnet ready at (http:\/\/127\.0\.0\.1:\d+)/)![1]!;
  demoUrl = start.text.match(/demo page: (http:\/\/127\.0\.0\.1:\d+\/)/)![1]!;
  ids = JSON.parse(await readFile(join(stateDir, 'canister_ids.json'), 'utf8')) as typeof ids;
});

afterAll(async () => {
  await start?.stop('SIGKILL');
  await rm(stateDir, { recursive: true, force: true });
});

describe('icp-calendar start', () => {
  it('serves the demo page, its script and a config naming the network and the deployed canisters', async () => {
    const page = await fetch(demoUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="./demo.js">');
    expect((await fetch(new URL('demo.js', demoUrl))).status).toBe(200);
    const config = (await (await fetch(new URL('config.json', demoUrl))).json()) as {
      host: string;
      canisters: { name: string; id: string }[];
    };
    expect(config.host).toBe(localnetUrl);
    const ids = JSON.parse(await readFile(join(stateDir, 'canister_ids.json'), 'utf8')) as Record<
      string,
      { local: string }
    >;
    expect(config.canisters).toEqual(
      Object.entries(ids).map(([name, entry]) => ({ name, id: entry.local })),
    );
  });

  it('links the calendar shard and the user registry with each other', async () => {
    const ids = JSON.parse(await readFile(join(stateDir, 'canister_ids.json'), 'utf8')) as Record<
      string,
      { local: string }
    >;
    const idOf = (prefix: string) =>
      Object.entries(ids).find(([name]) => name.startsWith(prefix))![1].local;
    const agent = await HttpAgent.create({ host: localnetUrl, shouldFetchRootKey: true });
    const actors = agentLinkActors(agent);
    const registry = await actors.calendar(idOf('calendar')).get_user_registry();
    expect(registry.map((principal) => principal.toText())).toEqual([idOf('user_registry')]);
    const calendars = await actors.userRegistry(idOf('user_registry')).get_calendar_canisters();
    expect(calendars.map((principal) => principal.toText())).toEqual([idOf('calendar')]);
    expect(start.text).toContain(`configure: calendar ${idOf('calendar')} → user registry`);
  });

  it('icp-calendar status shows every deployed canister running, with cycles and health', async () => {
    const bin = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'status',
      '--host',
      localnetUrl,
      '--state-dir',
      stateDir,
    ]);
    const ids = JSON.parse(await readFile(join(stateDir, 'canister_ids.json'), 'utf8')) as Record<
      string,
      { local: string }
    >;
    // The canister table, then the load balancer's shard lines (`shards …`, indented shards).
    const lines = stdout.trim().split('\n').slice(2);
    const shardsAt = lines.findIndex((line) => line.startsWith('shards '));
    expect(lines[shardsAt]).toMatch(/^shards \(load balancer, \w+\): \d+ users placed$/);
    expect(lines.slice(shardsAt)).toContain('migrations: 0 in progress, 0 users moved');
    const rows = lines.slice(0, shardsAt);
    expect(rows).toHaveLength(Object.keys(ids).length);
    for (const [name, entry] of Object.entries(ids)) {
      const row = rows.find((line) => line.startsWith(`${name} `))!;
      expect(row).toContain(entry.local);
      // state, cycles, burn/day, runway, memory, module, health
      expect(row).toMatch(
        / running +\d+\.\d\d T +\S+( \S)? +(\d+ d|> 100 y|-) +\d+\.\d MiB +[0-9a-f]{12} +(healthy|degraded)/,
      );
    }
  });

  it('runs the IC HTTP interface on the printed port', async () => {
    const status = await fetch(new URL('/api/v2/status', localnetUrl));
    expect(status.status).toBe(200);
    expect(status.headers.get('content-type')).toBe('application/cbor');
  });

  it('refuses a second network on the same port with a coded message', async () => {
    const port = new URL(localnetUrl).port;
    const second = new CliProcess([
      'localnet',
      'start',
      '--port',
      port,
      '--state-dir',
      join(stateDir, 'other'),
    ]);
    expect((await second.exited).code).toBe(1);
    expect(second.text).toContain('LOCALNET_PORT_IN_USE');
  });

  it('stops on SIGINT, saving its keys', async () => {
    // Behind start's back, the calendar runs another module (the built one plus a custom section),
    // so the next start has an upgrade to make.
    const deployer = await loadOrCreateDeployer(join(stateDir, 'deployer.json'));
    const agent = await HttpAgent.create({
      host: localnetUrl,
      identity: deployer,
      shouldFetchRootKey: true,
    });
    const built = new Uint8Array(await readFile(CALENDAR_WASM));
    const name = new TextEncoder().encode('icp-calendar-test');
    const section = Uint8Array.of(0, name.length + 2, name.length, ...name, 1);
    await writeModule(
      agent,
      Principal.fromText(idOf('calendar')),
      Uint8Array.from([...built, ...section]),
      new Uint8Array(IDL.encode([], [])),
      { upgrade: [] },
    );
    // The output says how far a start that died of the signal had got.
    expect(await start.stop('SIGINT'), start.text).toEqual({ code: 0, signal: null });
    expect(start.text).toMatch(/stopped \(SIGINT\)/);
    expect(existsSync(join(stateDir, 'keys.json'))).toBe(true);
  });

  it('upgrades a changed canister on the next start through the safe-upgrade runbook', async () => {
    start = new CliProcess(['start', '--port', '0', '--state-dir', stateDir]);
    await start.waitFor(/ready in [\d.]+ s/, 300_000);
    const calendar = idOf('calendar');
    expect(start.text).toMatch(new RegExp(`upgrade ${calendar}: snapshot [0-9a-f]+ taken`));
    expect(start.text).toMatch(new RegExp(`deploy calendar\\S*: upgraded ${calendar}`));
    expect(start.text).not.toContain('DEPLOY_UPGRADE_ROLLED_BACK');
    expect(start.text).not.toContain('configure: skipped');
    // The calendar's module changed: the demo calendar is looked up in the canister again.
    expect(start.text).toMatch(/public calendar \S+ \(already there\)/);
    // The output says how far a start that died of the signal had got.
    expect(await start.stop('SIGINT'), start.text).toEqual({ code: 0, signal: null });
  }, 400_000);

  it('skips configuring on a start where nothing changed, with the upgrade snapshot kept', async () => {
    start = new CliProcess(['start', '--port', '0', '--state-dir', stateDir]);
    await start.waitFor(/ready in [\d.]+ s/, 300_000);
    expect(start.text).toMatch(new RegExp(`deploy calendar\\S*: unchanged ${idOf('calendar')}`));
    expect(start.text).toContain('configure: skipped, nothing changed since it last ran');
    expect(start.text).toMatch(/public calendar \S+ \(recorded\)/);
    const deployer = await loadOrCreateDeployer(join(stateDir, 'deployer.json'));
    const agent = await HttpAgent.create({
      host: start.text.match(/localnet ready at (http:\/\/127\.0\.0\.1:\d+)/)![1]!,
      identity: deployer,
      shouldFetchRootKey: true,
    });
    const snapshots = await managementActor(
      agent,
      Principal.fromText(idOf('calendar')),
    ).list_canister_snapshots({ canister_id: Principal.fromText(idOf('calendar')) });
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots[0]!.total_size).toBeGreaterThan(1_000_000n);
    // The output says how far a start that died of the signal had got.
    expect(await start.stop('SIGINT'), start.text).toEqual({ code: 0, signal: null });
  }, 400_000);
});
