import { join, resolve } from 'node:path';

import { HttpAgent } from '@dfinity/agent';

import { failUsage, type Command } from '../commands.ts';
import { buildSystem } from '../deploy/build-system.ts';
import { deploySystem, type DeployedCanister } from '../deploy/deploy-system.ts';
import { loadOrCreateDeployer } from '../deploy/deployer-identity.ts';
import { safeUpgradeFor } from '../deploy/system-upgrade.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { readyLine } from '../localnet/localnet-command.ts';
import { DEFAULT_LOCALNET_PORT, DEFAULT_STATE_DIR, runLocalnet } from '../localnet/run-localnet.ts';
import { untilSignalled } from '../localnet/shutdown-signals.ts';
import { prepareDemoAssets, serveDemo } from './demo-site.ts';
import { findTakenPort } from './port-check.ts';
import { seedDemoCalendarOnce } from './seed-demo-calendar.ts';

const USAGE = 'start [--port 4943] [--demo-port 4944] [--state-dir .localnet] [--clean]';

/** `icp-calendar start` (`npm start`): build, run localnet, deploy the system, serve the demo page. */
export const startCommand: Command = {
  name: 'start',
  usage: USAGE,
  summary: 'build, start localnet, deploy the system and serve the demo page',
  options: {
    '--port <n>': 'port of the IC HTTP interface on 127.0.0.1 (default 4943; 0 picks a free one)',
    '--demo-port <n>': 'port of the demo page (default: --port + 1)',
    '--state-dir <dir>': 'where the network keeps its state (default .localnet)',
    '--clean': 'start from an empty state (the old state is deleted)',
  },
  async run(argv) {
    const parsed = parseFlags(argv, {
      port: 'integer',
      'demo-port': 'integer',
      'state-dir': 'string',
      clean: 'switch',
    });
    if (!parsed.ok || parsed.positionals.length > 0) {
      const problem = parsed.ok ? `unexpected argument "${parsed.positionals[0]}"` : parsed.message;
      return failUsage(startCommand, problem);
    }
    const { values } = parsed;
    const port = (values.port as number | undefined) ?? DEFAULT_LOCALNET_PORT;
    const demoPort = (values['demo-port'] as number | undefined) ?? (port === 0 ? 0 : port + 1);
    const taken = await findTakenPort([
      { port, flag: '--port' },
      { port: demoPort, flag: '--demo-port' },
    ]);
    if (taken !== undefined) {
      process.stderr.write(`icp-calendar start: ${taken} (nothing was built or started)\n`);
      return 1;
    }
    const started = performance.now();
    const demoAssets = prepareDemoAssets();
    // Observed here so that a start failing before the demo step leaves no unhandled rejection.
    demoAssets.catch(() => undefined);
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const step = async <T>(name: string, run: () => Promise<T>) => {
      const at = performance.now();
      log(`${name}…`);
      const result = await run();
      log(`${name}: done in ${((performance.now() - at) / 1000).toFixed(1)} s`);
      return result;
    };

    const built = await step('build', () => buildSystem('local', log));
    if (!built.ok) {
      process.stderr.write(`${built.message}\n`);
      return 1;
    }
    const network = await step('localnet', () =>
      runLocalnet({
        port,
        stateDir: resolve((values['state-dir'] as string | undefined) ?? DEFAULT_STATE_DIR),
        clean: values.clean === true,
        log,
      }),
    ).catch((error: unknown) => error as Error);
    if (network instanceof Error) {
      process.stderr.write(`icp-calendar start: ${network.message}\n`);
      return 1;
    }
    log(readyLine(network.url, network.rootKeyHex));
    let deployed: DeployedCanister[] = [];
    let demo: Awaited<ReturnType<typeof serveDemo>> | undefined;
    let seeded: Awaited<ReturnType<typeof seedDemoCalendarOnce>> | undefined;
    try {
      const identity = await loadOrCreateDeployer(network.layout.deployerFile);
      const agent = await HttpAgent.create({
        host: network.url,
        identity,
        shouldFetchRootKey: true,
      });
      deployed = await step('deploy', () =>
        deploySystem({
          agent,
          plan: built.plan,
          wasmPaths: built.wasmPaths,
          canisterIdsFile: network.layout.canisterIdsFile,
          network: 'local',
          groups: built.groups,
          log,
          // A module changed since the last start: the same runbook as deploy (backup, snapshot,
          // upgrade, health and smoke checks, rollback on failure).
          upgradeFor: safeUpgradeFor(agent, network.layout.canisterIdsFile, 'local', log),
          configureRecordFile: join(network.layout.root, 'configured'),
        }),
      );
      const calendar = deployed.find((canister) => canister.type === 'calendar');
      seeded = calendar
        ? await step('seed demo calendar', () =>
            seedDemoCalendarOnce(agent, calendar, join(network.layout.root, 'demo-calendar')),
          )
        : undefined;
      if (seeded) {
        const how = seeded.created ? 'created' : seeded.recorded ? 'recorded' : 'already there';
        log(`  public calendar ${seeded.calendarId} (${how})`);
      }
      demo = await step('demo page', () =>
        serveDemo(
          demoPort,
          () => ({
            host: network.url,
            canisters: deployed.map(({ name, id }) => ({ name, id })),
            publicCalendarId: seeded?.calendarId,
          }),
          new Map(),
          demoAssets,
        ),
      );
    } catch (error) {
      await demo?.close();
      await network.stop();
      throw error;
    }
    log('');
    log(`canister ids (${network.layout.canisterIdsFile}):`);
    if (deployed.length === 0) log('  none: config/system.yaml deploys no canisters yet');
    for (const canister of deployed) log(`  ${canister.name.padEnd(16)} ${canister.id}`);
    log(`demo page: ${demo.url}`);
    if (seeded) log(`embed example: ${new URL('embed.html', demo.url).href}`);
    const activeDemo = demo;
    // Listening before the ready line: a client may signal as soon as it reads that line (a test
    // once did while this process was still between the line and its listeners, and it died).
    const stopped = untilSignalled(async () => {
      await activeDemo.close();
      await network.stop();
    });
    log(
      `ready in ${((performance.now() - started) / 1000).toFixed(1)} s; Ctrl+C stops and saves the state`,
    );
    const signal = await stopped;
    log(`stopped (${signal}), state saved in ${network.layout.root}`);
    return 0;
  },
};
