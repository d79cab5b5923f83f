import { resolve } from 'node:path';

import { HttpAgent } from '@dfinity/agent';

import { failUsage, type Command } from '../commands.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { DEFAULT_STATE_DIR } from '../localnet/run-localnet.ts';
import { stateLayout } from '../localnet/state-dir.ts';
import { buildSystem } from './build-system.ts';
import { deploySystem } from './deploy-system.ts';
import { loadOrCreateDeployer } from './deployer-identity.ts';

const USAGE = 'deploy [--network local] [--host url] [--state-dir .localnet]';

/** `icp-calendar deploy`: builds and deploys config/system.yaml to a running local network. */
export const deployCommand: Command = {
  name: 'deploy',
  usage: USAGE,
  summary: 'deploy the system described by config/system.yaml to a running network',
  async run(argv) {
    const parsed = parseFlags(argv, { network: 'string', host: 'string', 'state-dir': 'string' });
    const fail = (problem: string) => failUsage({ name: 'deploy', usage: USAGE }, problem);
    if (!parsed.ok) return fail(parsed.message);
    if (parsed.positionals.length > 0)
      return fail(`unexpected argument "${parsed.positionals[0]}"`);
    const environment = (parsed.values.network as string | undefined) ?? 'local';
    if (environment !== 'local') {
      return fail(
        `DEPLOY_NETWORK_UNSUPPORTED: expected --network local; got "${environment}" (use dfx for the IC)`,
      );
    }
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const set = await loadConfigSet();
    const configuredHost = set.ok
      ? set.system?.environments.find((entry) => entry.name === environment)?.host
      : undefined;
    const host =
      (parsed.values.host as string | undefined) ?? configuredHost ?? 'http://127.0.0.1:4943';
    const built = await buildSystem(environment, log);
    if (!built.ok) {
      process.stderr.write(`${built.message}\n`);
      return 1;
    }
    const layout = stateLayout(
      resolve((parsed.values['state-dir'] as string | undefined) ?? DEFAULT_STATE_DIR),
    );
    const identity = await loadOrCreateDeployer(layout.deployerFile);
    let agent: HttpAgent;
    try {
      agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
    } catch (error) {
      const found = error instanceof Error ? error.message : String(error);
      return fail(
        `DEPLOY_NETWORK_UNREACHABLE: expected a network at ${host} (icp-calendar localnet start); ${found}`,
      );
    }
    const deployed = await deploySystem({
      agent,
      plan: built.plan,
      wasmPaths: built.wasmPaths,
      canisterIdsFile: layout.canisterIdsFile,
      network: environment,
      groups: built.groups,
      log,
    });
    log(`deployed ${deployed.length} canister(s) to ${host}; ids in ${layout.canisterIdsFile}`);
    return 0;
  },
};
