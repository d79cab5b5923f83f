import { HttpAgent, type SignIdentity } from '@dfinity/agent';

import type { CanisterTypeConfig } from '../config/canister-config.ts';
import type { SystemConfig } from '../config/system-config.ts';
import { buildSystem, type SystemBuild } from './build-system.ts';
import { readCanisterIds } from './canister-ids-file.ts';
import { createCanisterWithCycles } from './cycles-ledger-client.ts';
import { planDeployment } from './deploy-plan.ts';
import { deploySystem, type DeployedCanister } from './deploy-system.ts';
import { resolveDeployTarget, type DeployTarget } from './deploy-target.ts';
import { formatNetworkPlan, planNetworkDeploy, type NetworkPlan } from './network-plan.ts';
import { safeUpgradeFor } from './system-upgrade.ts';

export interface NetworkDeployOptions {
  system: SystemConfig;
  types: CanisterTypeConfig[];
  environment: string;
  projectRoot: string;
  /** Absent only in a dry run (the plan then names no deployer). */
  identity: SignIdentity | undefined;
  host?: string;
  /** Take the mainnet path on a network that is not `ic` (a mainnet-like localnet, say). */
  noProvisional?: boolean;
  /** The network's root key (DER) when it is not the IC's; never fetched on the mainnet path. */
  rootKey?: Uint8Array;
  /** Cycles for each canister created through the cycles ledger. */
  cycles?: bigint;
  /** `--canister-id name=id`. */
  givenIds?: Record<string, string>;
  /** Replaces dfx's canister_ids.json location (the local path keeps its ids in the state folder). */
  canisterIdsFile?: string;
  yes?: boolean;
  dryRun?: boolean;
  confirm?: (question: string) => Promise<boolean>;
  log?: (line: string) => void;
  /** Default: build the types system.yaml deploys (content-hash cached). */
  build?: (environment: string, log: (line: string) => void) => Promise<SystemBuild>;
}

export type NetworkDeployResult =
  | { status: 'dry-run' | 'cancelled'; plan: NetworkPlan }
  | { status: 'deployed'; plan: NetworkPlan; deployed: DeployedCanister[] };

/**
 * `icp-calendar deploy --network <name>`: prints the plan and its cycles cost, asks on `ic`
 * unless `yes`, builds, creates (cycles ledger on the mainnet path, provisional on a local one),
 * installs or safely upgrades, and configures. The mainnet path makes no provisional call and
 * never fetches a root key.
 */
export async function deployToNetwork(options: NetworkDeployOptions): Promise<NetworkDeployResult> {
  const log = options.log ?? (() => undefined);
  const resolved = resolveDeployTarget(options.system, options.environment, {
    host: options.host,
    noProvisional: options.noProvisional,
    projectRoot: options.projectRoot,
  });
  if (typeof resolved === 'string') throw new Error(resolved);
  const target: DeployTarget = {
    ...resolved,
    canisterIdsFile: options.canisterIdsFile ?? resolved.canisterIdsFile,
  };
  const ids = await readCanisterIds(target.canisterIdsFile);
  const knownIds = Object.fromEntries(
    Object.entries(ids).flatMap(([name, byNetwork]) => {
      const id = byNetwork[target.environment];
      return id === undefined ? [] : [[name, id]];
    }),
  );
  const planned = planDeployment(options.system, options.types, target.environment);
  const plan = planNetworkDeploy({
    target,
    plan: planned,
    types: options.types,
    knownIds,
    givenIds: options.givenIds ?? {},
    cycles: options.cycles,
  });
  log(
    formatNetworkPlan(plan, options.identity?.getPrincipal().toText() ?? '(identity not loaded)'),
  );
  if (options.dryRun) return { status: 'dry-run', plan };
  if (target.ic && !options.yes) {
    const ok =
      (await options.confirm?.('Deploy to the Internet Computer and spend these cycles? [y/N] ')) ??
      false;
    if (!ok) return { status: 'cancelled', plan };
  }
  if (target.mainnet && !target.ic && options.rootKey === undefined) {
    throw new Error(
      `DEPLOY_ROOT_KEY_REQUIRED: the mainnet path never fetches a root key; pass --root-key <hex> for ${target.host}`,
    );
  }
  const identity = options.identity;
  if (identity === undefined)
    throw new Error('DEPLOY_IDENTITY_NOT_FOUND: a deploy needs an identity');
  const built = await (options.build ?? buildSystem)(target.environment, log);
  if (!built.ok) throw new Error(built.message);
  const agent = await HttpAgent.create({
    host: target.host,
    identity,
    ...(target.mainnet
      ? { shouldFetchRootKey: false, ...(options.rootKey ? { rootKey: options.rootKey } : {}) }
      : { shouldFetchRootKey: true }),
  });
  const deployer = identity.getPrincipal();
  const cycles = plan.cyclesPerCanister;
  const deployed = await deploySystem({
    agent,
    plan: built.plan,
    wasmPaths: built.wasmPaths,
    canisterIdsFile: target.canisterIdsFile,
    network: target.environment,
    groups: built.groups,
    log,
    givenIds: options.givenIds,
    requireKnownIds: target.mainnet,
    ...(target.mainnet
      ? { createCanister: () => createCanisterWithCycles(agent, cycles, [deployer]) }
      : {}),
    upgradeFor: safeUpgradeFor(agent, target.canisterIdsFile, target.environment, log),
  });
  return { status: 'deployed', plan, deployed };
}
