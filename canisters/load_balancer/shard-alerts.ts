import type { PluginContext } from '../../core/index.ts';
import { AlertSender } from '../notification/alert-sender.ts';
import { LOAD_BALANCER } from './lb-token.ts';

/**
 * Operators' alerts of the load balancer (to the notification canister): a shard that health
 * polling marked unhealthy, and each shard the load balancer provisioned. Read from the directory
 * on a timer of its own, so polling and provisioning stay as they are; the sender's deduplication
 * turns these level readings into one alert per condition.
 */
export function alertOnShardTrouble(ctx: PluginContext<unknown>): void {
  const alerts = AlertSender.declare(ctx);
  ctx.timer({
    name: 'shard-alerts',
    everySeconds: 30,
    async run() {
      const { directory, provisioner } = ctx.resolve(LOAD_BALANCER);
      for (const { id, shard } of directory.shards()) {
        if (shard.state === 'retired' || !shard.unhealthy) continue;
        alerts.raise(`shard-unhealthy:${id}`, {
          kind: 'shard_unhealthy',
          severity: 'critical',
          message: `calendar shard ${shard.seq} (${id}) is unhealthy and gets no new users: ${shard.lastPoll?.detail ?? 'no poll'}`,
        });
      }
      for (const id of provisioner.history())
        alerts.raise(
          `shard-provisioned:${id}`,
          {
            kind: 'shard_provisioned',
            severity: 'info',
            message: `every shard was full: provisioned calendar shard ${id}`,
          },
          { once: true },
        );
      await alerts.flush();
    },
  });
}
