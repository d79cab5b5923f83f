import { failUsage, type Command } from '../commands.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { buildSystem } from './build-system.ts';
import { runConfigureSteps } from './configure-steps.ts';
import { planDeployment } from './deploy-plan.ts';
import {
  NETWORK_FLAGS,
  NETWORK_OPTIONS,
  NETWORK_USAGE,
  openNetworkSession,
} from './network-session.ts';

const USAGE = `configure ${NETWORK_USAGE}`;

/**
 * `icp-calendar configure`: after `dfx deploy`, wires the system (the steps of
 * configure-steps.ts) using the ids dfx recorded in canister_ids.json for that network.
 */
export const configureCommand: Command = {
  name: 'configure',
  usage: USAGE,
  summary: 'wire a system deployed with dfx deploy (registry groups, auth, links, shards)',
  options: {
    ...NETWORK_OPTIONS,
  },
  async run(argv) {
    const parsed = parseFlags(argv, NETWORK_FLAGS);
    const fail = (problem: string) => failUsage({ name: 'configure', usage: USAGE }, problem);
    if (!parsed.ok) return fail(parsed.message);
    const log = (line: string) => process.stdout.write(`${line}\n`);
    try {
      const session = await openNetworkSession(parsed.values);
      const environment = session.target.environment;
      const plan = planDeployment(session.system, session.types, environment);
      const missing = plan.filter((planned) => session.ids[planned.name] === undefined);
      if (missing.length > 0) {
        return fail(
          `CONFIGURE_IDS_MISSING: expected ids for ${missing.map((m) => m.name).join(', ')} under ` +
            `"${environment}" in ${session.canisterIdsFile} (dfx deploy --network ${environment} first)`,
        );
      }
      let built: Map<string, string> | undefined;
      const wasmPath = async (type: string) => {
        if (!built) {
          const result = await buildSystem(environment, log);
          if (!result.ok) throw new Error(result.message);
          built = result.wasmPaths;
        }
        const path = built.get(type);
        if (!path)
          throw new Error(`DEPLOY_NO_WASM: expected a built module for ${type}; found none`);
        return path;
      };
      const canisters = plan.map((planned) => ({
        id: session.ids[planned.name]!,
        type: planned.type,
        group: planned.group,
        shard: planned.shard,
      }));
      await runConfigureSteps(
        { agent: session.agent, groups: session.system.groups, canisters, wasmPath },
        log,
      );
      return 0;
    } catch (error) {
      process.stderr.write(`icp-calendar configure: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
