import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { HttpAgent } from '@dfinity/agent';

import { failUsage, type Command } from '../commands.ts';
import { readCanisterIds } from '../deploy/canister-ids-file.ts';
import { loadOrCreateDeployer } from '../deploy/deployer-identity.ts';
import { NETWORK_FLAGS, NETWORK_USAGE, openNetworkSession } from '../deploy/network-session.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { DEFAULT_STATE_DIR } from '../localnet/run-localnet.ts';
import { stateLayout } from '../localnet/state-dir.ts';
import { runningNetworkHost } from '../localnet/state-lock.ts';
import { collectStatus } from './collect-status.ts';
import { formatStatus } from './format-status.ts';
import { collectShardLines } from './shard-lines.ts';

const USAGE = `status [--host url] [--state-dir .localnet] | status ${NETWORK_USAGE}`;

/** `icp-calendar status`: each deployed canister's state, cycles, memory, module and health. */
export const statusCommand: Command = {
  name: 'status',
  usage: USAGE,
  summary: 'show canister ids, state, cycles, burn and health of a deployment',
  async run(argv) {
    const parsed = parseFlags(argv, { ...NETWORK_FLAGS, 'state-dir': 'string' });
    const fail = (problem: string) => failUsage({ name: 'status', usage: USAGE }, problem);
    if (!parsed.ok) return fail(parsed.message);
    if (parsed.positionals.length > 0)
      return fail(`unexpected argument "${parsed.positionals[0]}"`);
    if (parsed.values.network !== undefined) return networkStatus(parsed.values, fail);
    const layout = stateLayout(
      resolve((parsed.values['state-dir'] as string | undefined) ?? DEFAULT_STATE_DIR),
    );
    const ids = await readCanisterIds(layout.canisterIdsFile);
    const canisters = Object.entries(ids).flatMap(([name, networks]) =>
      networks.local ? [{ name, id: networks.local }] : [],
    );
    if (canisters.length === 0 || !existsSync(layout.deployerFile)) {
      return fail(
        `STATUS_NO_DEPLOYMENT: expected deployed canisters in ${layout.canisterIdsFile} ` +
          `(run npm start or icp-calendar deploy); found none`,
      );
    }
    const host =
      (parsed.values.host as string | undefined) ??
      (await runningNetworkHost(layout.root)) ??
      'http://127.0.0.1:4943';
    let agent: HttpAgent;
    try {
      const identity = await loadOrCreateDeployer(layout.deployerFile);
      agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
    } catch (error) {
      const found = error instanceof Error ? error.message : String(error);
      return fail(
        `STATUS_NETWORK_UNREACHABLE: expected a network at ${host} (npm start); ${found}`,
      );
    }
    const reports = await collectStatus(agent, canisters);
    process.stdout.write(`network ${host}\n${formatStatus(reports)}\n`);
    for (const line of await collectShardLines(agent, canisters)) process.stdout.write(`${line}\n`);
    return reports.some((report) => report.problem !== undefined) ? 1 : 0;
  },
};

/** `status --network <name>`: the deployment dfx's canister_ids.json records for that network. */
async function networkStatus(
  values: Record<string, unknown>,
  fail: (problem: string) => number,
): Promise<number> {
  let session;
  try {
    session = await openNetworkSession(values);
  } catch (error) {
    return fail((error as Error).message);
  }
  const canisters = Object.entries(session.ids).map(([name, id]) => ({ name, id }));
  if (canisters.length === 0) {
    return fail(
      `STATUS_NO_DEPLOYMENT: expected ids under "${session.target.environment}" in ${session.canisterIdsFile}; found none`,
    );
  }
  const reports = await collectStatus(session.agent, canisters);
  process.stdout.write(
    `network ${session.target.environment} (${session.target.host})\n${formatStatus(reports)}\n`,
  );
  for (const line of await collectShardLines(session.agent, canisters)) {
    process.stdout.write(`${line}\n`);
  }
  return reports.some((report) => report.problem !== undefined) ? 1 : 0;
}
