import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';

import type { SignIdentity } from '@dfinity/agent';

import { failUsage, type Command } from '../commands.ts';
import { formatConfigErrors } from '../config/config-errors.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { DEFAULT_STATE_DIR } from '../localnet/run-localnet.ts';
import { stateLayout } from '../localnet/state-dir.ts';
import { runningNetworkHost } from '../localnet/state-lock.ts';
import { parseCycles } from './cycles-amount.ts';
import { loadDeployIdentity } from './deploy-identity.ts';
import { deployToNetwork } from './deploy-network.ts';
import { resolveDeployTarget } from './deploy-target.ts';
import { loadOrCreateDeployer } from './deployer-identity.ts';
import { NETWORK_OPTIONS } from './network-session.ts';

const USAGE =
  'deploy [--network local|ic|<env>] [--identity <dfx name> | --identity-pem <file>] [--cycles 1T] ' +
  '[--canister-id <name>=<id>,…] [--dry-run] [--yes] [--host url] [--no-provisional --root-key <hex>] ' +
  '[--canister-ids <file>] [--state-dir .localnet]';

export const DEPLOY_FLAGS = {
  network: 'string',
  host: 'string',
  'state-dir': 'string',
  identity: 'string',
  'identity-pem': 'string',
  cycles: 'string',
  'canister-id': 'string',
  'canister-ids': 'string',
  'root-key': 'string',
  'no-provisional': 'switch',
  yes: 'switch',
  'dry-run': 'switch',
} as const;

/** `icp-calendar deploy`: builds and deploys config/system.yaml to a network of system.yaml. */
export const deployCommand: Command = {
  name: 'deploy',
  usage: USAGE,
  summary:
    'deploy the system described by config/system.yaml (local network, the IC, any environment)',
  options: {
    ...NETWORK_OPTIONS,
    '--cycles <amount>': 'cycles for each canister created (default 1T; the IC keeps 0.5T)',
    '--canister-id <name>=<id>,…': 'reuse canisters you already control',
    '--dry-run': 'print the plan and its cost; touch no network',
    '--yes': 'do not ask before deploying to ic',
    '--state-dir <dir>': 'local path: the localnet state folder (default .localnet)',
  },
  async run(argv) {
    const parsed = parseFlags(argv, DEPLOY_FLAGS);
    const fail = (problem: string) => failUsage({ name: 'deploy', usage: USAGE }, problem);
    if (!parsed.ok) return fail(parsed.message);
    if (parsed.positionals.length > 0)
      return fail(`unexpected argument "${parsed.positionals[0]}"`);
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const text = (name: string) => values[name] as string | undefined;
    const cycles = text('cycles') === undefined ? undefined : parseCycles(text('cycles')!);
    if (text('cycles') !== undefined && cycles === undefined)
      return fail(`--cycles expects an amount like 2T or 2000000000000; got "${text('cycles')}"`);
    const givenIds = parseNamedIds(text('canister-id'));
    if (typeof givenIds === 'string') return fail(givenIds);
    const set = await loadConfigSet();
    if (!set.ok) {
      process.stderr.write(`${formatConfigErrors(set.errors)}\n`);
      return 1;
    }
    const environment = text('network') ?? 'local';
    const projectRoot = process.cwd();
    const layout = stateLayout(resolve(text('state-dir') ?? DEFAULT_STATE_DIR));
    const host =
      text('host') ?? (environment === 'local' ? await runningNetworkHost(layout.root) : undefined);
    const target = resolveDeployTarget(set.system, environment, {
      host,
      noProvisional: values['no-provisional'] === true,
      projectRoot,
    });
    if (typeof target === 'string') return fail(target);
    const explicitIdentity = text('identity') !== undefined || text('identity-pem') !== undefined;
    let identity: SignIdentity | undefined;
    try {
      identity =
        target.mainnet || explicitIdentity
          ? await loadDeployIdentity({
              identity: text('identity'),
              identityPem: text('identity-pem'),
            })
          : await loadOrCreateDeployer(layout.deployerFile);
    } catch (error) {
      if (values['dry-run'] !== true) return fail((error as Error).message);
    }
    const log = (line: string) => process.stdout.write(`${line}\n`);
    try {
      const result = await deployToNetwork({
        system: set.system!,
        types: set.canisters,
        environment,
        projectRoot,
        identity,
        host,
        noProvisional: values['no-provisional'] === true,
        rootKey: text('root-key')
          ? new Uint8Array(Buffer.from(text('root-key')!, 'hex'))
          : undefined,
        cycles,
        givenIds,
        canisterIdsFile:
          text('canister-ids') ?? (target.mainnet ? undefined : layout.canisterIdsFile),
        yes: values.yes === true,
        dryRun: values['dry-run'] === true,
        confirm: askOnTerminal,
        log,
      });
      if (result.status === 'dry-run') log('dry run: nothing was sent to any network');
      if (result.status === 'cancelled') log('cancelled: nothing was sent');
      if (result.status === 'deployed')
        log(`deployed ${result.deployed.length} canister(s) to ${target.host}`);
      return 0;
    } catch (error) {
      process.stderr.write(`icp-calendar deploy: ${(error as Error).message}\n`);
      return 1;
    }
  },
};

/** `a=id1,b=id2` → `{ a: 'id1', b: 'id2' }`; a message when malformed. */
export function parseNamedIds(text: string | undefined): Record<string, string> | string {
  if (text === undefined) return {};
  const ids: Record<string, string> = {};
  for (const item of text.split(',')) {
    const [name, id] = item.split('=');
    if (!name || !id) return `--canister-id expects <name>=<id>[,…]; got "${item}"`;
    ids[name.trim()] = id.trim();
  }
  return ids;
}

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}
