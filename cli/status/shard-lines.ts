import type { HttpAgent } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';

import {
  type LoadBalancerStats,
  loadBalancerActor,
  type MigrationLine,
} from '../deploy/load-balancer-actor.ts';

const plural = (count: bigint | number, one: string, many: string) =>
  `${count} ${count === 1n || count === 1 ? one : many}`;

/**
 * The shard table under `icp-calendar status`: strategy, placements, each shard's state and users,
 * a provisioning in progress, then user migrations (a count line, and one line per migration).
 */
export function formatShardLines(stats: LoadBalancerStats, migrations: MigrationLine[]): string[] {
  const lines = [`shards (load balancer, ${stats.strategy}): ${stats.placements} users placed`];
  for (const shard of stats.shards) {
    lines.push(
      `  shard ${shard.key}  ${shard.canister.toText()}  ${shard.state.padEnd(9)}  weight ${shard.weight}  users ${shard.users}`,
    );
  }
  const work = stats.provisioning[0];
  if (work !== undefined) {
    const target = work.canister[0] ? ` ${work.canister[0].toText()}` : '';
    const error = work.last_error[0] ? ` (last error: ${work.last_error[0]})` : '';
    lines.push(`  provisioning a shard: step ${work.step}${target}${error}`);
  }
  lines.push(
    `migrations: ${stats.migrating} in progress, ${plural(stats.migrated, 'user', 'users')} moved`,
  );
  const shardName = (canister: Principal) => {
    const shard = stats.shards.find((s) => s.canister.toText() === canister.toText());
    return shard === undefined ? canister.toText() : `shard ${shard.key}`;
  };
  for (const move of migrations) {
    const paused = move.paused
      ? `, paused after ${plural(move.attempts, 'attempt', 'attempts')}`
      : '';
    const error = move.last_error[0] ? ` (last error: ${move.last_error[0]})` : '';
    lines.push(
      `  user ${move.user.toText()}  ${shardName(move.from)} → ${shardName(move.to)}  step ${move.step}  ${plural(move.copied, 'record', 'records')} copied${paused}${error}`,
    );
  }
  return lines;
}

/** Shard lines for a deployment with a load balancer; none without one, a line saying why on failure. */
export async function collectShardLines(
  agent: HttpAgent,
  canisters: { name: string; id: string }[],
): Promise<string[]> {
  const lb = canisters.find((c) => c.name === 'load_balancer');
  if (lb === undefined) return [];
  const actor = loadBalancerActor(agent, lb.id);
  try {
    const [stats, migrations] = await Promise.all([
      actor.get_load_balancer_stats(),
      actor.get_migrations(),
    ]);
    return formatShardLines(stats, migrations);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return [`shards: could not ask the load balancer ${lb.id}: ${text.split('\n')[0]}`];
  }
}
