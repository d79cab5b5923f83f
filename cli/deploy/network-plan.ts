import type { CanisterTypeConfig } from '../config/canister-config.ts';
import { formatCycles } from './cycles-amount.ts';
import { CYCLES_LEDGER_FEE } from './cycles-ledger-client.ts';
import type { PlannedCanister } from './deploy-plan.ts';
import type { DeployTarget } from './deploy-target.ts';

/** What the IC charges to create a canister on a 13-node subnet; the rest is the canister's. */
export const CANISTER_CREATION_FEE = 500_000_000_000n;
/** Health's default `cycles.minimum` (plugins/health/plugin.ts). */
export const HEALTH_DEFAULT_MINIMUM = 100_000_000_000n;
/** Cycles given to each new canister when `--cycles` is not set. */
export const DEFAULT_CANISTER_CYCLES = 1_000_000_000_000n;

export interface NetworkPlanEntry extends PlannedCanister {
  /** The id to reuse; undefined when the canister is created. */
  id: string | undefined;
  idSource: 'canister_ids.json' | 'command line' | 'create';
  /** Health's cycles minimum of the type; undefined without the health plugin. */
  healthMinimum: bigint | undefined;
}

export interface NetworkPlan {
  target: DeployTarget;
  entries: NetworkPlanEntry[];
  cyclesPerCanister: bigint;
  /** Cycles the deploy takes from the ledger (creations and their fees). */
  totalCycles: bigint;
  warnings: string[];
}

export function healthMinimumOf(type: CanisterTypeConfig | undefined): bigint | undefined {
  const health = type?.plugins.find((plugin) => plugin.name === 'health');
  if (!health) return undefined;
  const minimum = (health.options.cycles as { minimum?: number } | undefined)?.minimum;
  return minimum === undefined ? HEALTH_DEFAULT_MINIMUM : BigInt(minimum);
}

/** Decides, without touching any network, which canisters are reused and which created, and the cost. */
export function planNetworkDeploy(input: {
  target: DeployTarget;
  plan: PlannedCanister[];
  types: CanisterTypeConfig[];
  /** canister_ids.json's ids for this network, by name. */
  knownIds: Record<string, string>;
  /** `--canister-id name=id`, which win over the file. */
  givenIds: Record<string, string>;
  cycles?: bigint;
}): NetworkPlan {
  const cyclesPerCanister = input.cycles ?? DEFAULT_CANISTER_CYCLES;
  const types = new Map(input.types.map((type) => [type.name, type]));
  const warnings: string[] = [];
  const entries = input.plan.map((planned): NetworkPlanEntry => {
    const given = input.givenIds[planned.name];
    const known = input.knownIds[planned.name];
    const id = given ?? known;
    const idSource = given ? 'command line' : known ? 'canister_ids.json' : 'create';
    return { ...planned, id, idSource, healthMinimum: healthMinimumOf(types.get(planned.type)) };
  });
  const created = entries.filter((entry) => entry.id === undefined);
  const startsWith = cyclesPerCanister - CANISTER_CREATION_FEE;
  if (input.target.mainnet && created.length > 0 && startsWith <= 0n) {
    warnings.push(
      `--cycles ${formatCycles(cyclesPerCanister)} does not cover the ${formatCycles(CANISTER_CREATION_FEE)} creation fee: creation would fail`,
    );
  }
  for (const entry of created) {
    if (!input.target.mainnet || entry.healthMinimum === undefined) continue;
    if (startsWith < entry.healthMinimum) {
      warnings.push(
        `${entry.name} would start with ${formatCycles(startsWith)}, below its health minimum ` +
          `${formatCycles(entry.healthMinimum)} (health_check reports it unhealthy); raise --cycles`,
      );
    }
  }
  const totalCycles = input.target.mainnet
    ? BigInt(created.length) * (cyclesPerCanister + CYCLES_LEDGER_FEE)
    : 0n;
  return { target: input.target, entries, cyclesPerCanister, totalCycles, warnings };
}

/** The plan as printed before anything happens. */
export function formatNetworkPlan(plan: NetworkPlan, deployer: string): string {
  const { target } = plan;
  const creation = target.mainnet
    ? `create via the cycles ledger with ${formatCycles(plan.cyclesPerCanister)}`
    : 'create (provisional, local network)';
  const rows = plan.entries.map((entry) => [
    entry.name,
    entry.id === undefined ? creation : `reuse ${entry.id} (${entry.idSource})`,
    entry.id === undefined ? 'install' : 'install, or safe upgrade when the module changed',
  ]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const created = plan.entries.filter((entry) => entry.id === undefined).length;
  const lines = [
    `deploy plan: network ${target.environment} (${target.host}), deployer ${deployer}`,
    ...rows.map(
      (row) => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`,
    ),
    '  then configure: registry groups and members, auth → registry, calendar ↔ user registry links',
    target.mainnet
      ? `cycles: ${created} canister(s) to create × (${formatCycles(plan.cyclesPerCanister)} + ` +
        `${formatCycles(CYCLES_LEDGER_FEE)} ledger fee) = ${formatCycles(plan.totalCycles)} from the ` +
        `cycles ledger; each starts with ${formatCycles(plan.cyclesPerCanister - CANISTER_CREATION_FEE)} ` +
        `after the IC's ${formatCycles(CANISTER_CREATION_FEE)} creation fee; installs and configuration calls are paid by the canisters`
      : 'cycles: none from a ledger (local network, provisional creation)',
    ...plan.warnings.map((warning) => `WARNING ${warning}`),
  ];
  return lines.join('\n');
}
