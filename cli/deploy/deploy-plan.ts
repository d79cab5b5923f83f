import type { CanisterTypeConfig } from '../config/canister-config.ts';
import type { SystemConfig } from '../config/system-config.ts';

/** One canister to deploy: an instance (shard) of a canister type. */
export interface PlannedCanister {
  /** Name in canister_ids.json: the type, or `<type>_<n>` when the type has several shards. */
  name: string;
  type: string;
  group: string | undefined;
  /** Shard key given to the registry (`"0"`, `"1"`, …) when the type has several shards. */
  shard?: string;
}

/**
 * The canisters system.yaml deploys to `environment`, in dependency order: the registry first
 * (configuration writes to it), then groups in the order system.yaml declares them
 * (infrastructure first), then types in YAML order, then shards.
 * Shard counts: the environment's, else system.yaml's, else canister.yaml's.
 */
export function planDeployment(
  system: SystemConfig,
  types: CanisterTypeConfig[],
  environment: string,
): PlannedCanister[] {
  const byType = new Map(types.map((type) => [type.name, type]));
  const environmentShards =
    system.environments.find((entry) => entry.name === environment)?.shards ?? {};
  const groupRank = (group: string | undefined) => {
    const rank = system.groups.findIndex((entry) => entry.name === group);
    return rank < 0 ? system.groups.length : rank;
  };
  const entries = system.canisters.map((entry, order) => {
    const config = byType.get(entry.type);
    const group = entry.group ?? config?.group;
    const shards = environmentShards[entry.type] ?? entry.shards ?? config?.shards ?? 1;
    const rank = entry.type === 'registry' ? -1 : groupRank(group);
    return { type: entry.type, group, shards, order, rank };
  });
  entries.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return entries.flatMap(({ type, group, shards }) =>
    Array.from({ length: shards }, (_, index) =>
      shards === 1
        ? { name: type, type, group }
        : { name: `${type}_${index}`, type, group, shard: String(index) },
    ),
  );
}
