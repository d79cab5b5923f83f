import type { HttpAgent } from '@dfinity/agent';

import { type LoadBalancerStats, loadBalancerActor } from '../deploy/load-balancer-actor.ts';

/** The shard table under `icp-calendar status`: strategy, placements, each shard's state and users. */
export function formatShardLines(stats: LoadBalancerStats): string[] {
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
  return lines;
}

/** Shard lines for a deployment with a load balancer; none without one, a line saying why on failure. */
export async function collectShardLines(
  agent: HttpAgent,
  canisters: { name: string; id: string }[],
): Promise<string[]> {
  const lb = canisters.find((c) => c.name === 'load_balancer');
  if (lb === undefined) return [];
  try {
    return formatShardLines(await loadBalancerActor(agent, lb.id).get_load_balancer_stats());
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return [`shards: could not ask the load balancer ${lb.id}: ${text.split('\n')[0]}`];
  }
}
