import type { Platform } from '../../core/index.ts';
import type { BalancingSettings } from '../../plugins/balancing/index.ts';
import { pollCost, pollHealth, type HealthOutcome } from './shard-calls.ts';
import type { ShardDirectory } from './shard-directory.ts';

/**
 * Polls every shard that is not retired, from a timer only (Azle calls cannot time out, so no
 * user call ever waits on a shard). A shard that fails `failuresToUnhealthy` polls in a row, is
 * stopped, or says it is unhealthy (its critical checks, cycles minimum among them) gets no new
 * users until `successesToActive` healthy polls in a row.
 */
export class HealthPoller {
  private running = false;

  constructor(
    private readonly platform: Platform,
    private readonly directory: ShardDirectory,
    private readonly settings: BalancingSettings,
  ) {}

  async pollAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const targets = this.directory
        .shards()
        .filter((c) => c.shard.state !== 'retired')
        .map((c) => c.id);
      for (const canister of targets) {
        const outcome = await pollHealth(this.platform, canister);
        const cost =
          outcome.kind === 'answered' ? await pollCost(this.platform, canister) : undefined;
        // Re-read after the awaits: an admin may have changed or replaced the shard meanwhile.
        if (this.directory.hasShard(canister)) this.record(canister, outcome, cost);
      }
    } finally {
      this.running = false;
    }
  }

  record(canister: string, outcome: HealthOutcome, cost?: bigint): void {
    const shard = this.directory.shard(canister);
    const healthy = outcome.kind === 'answered' && outcome.status !== 'unhealthy';
    const atOnce = outcome.kind === 'stopped' || outcome.kind === 'answered';
    shard.lastPoll = {
      at: this.platform.time(),
      ok: healthy,
      detail: outcome.kind === 'answered' ? outcome.status : outcome.text,
    };
    shard.sincePoll = 0;
    if (cost !== undefined) shard.costInstructions = cost;
    if (healthy) {
      shard.failuresInRow = 0;
      shard.successesInRow += 1;
      if (shard.unhealthy && shard.successesInRow >= this.settings.successesToActive) {
        shard.unhealthy = false;
      }
    } else {
      shard.successesInRow = 0;
      shard.failuresInRow += 1;
      if (
        !shard.unhealthy &&
        (atOnce || shard.failuresInRow >= this.settings.failuresToUnhealthy)
      ) {
        shard.unhealthy = true;
        this.directory.count((c) => (c.failovers += 1));
      }
    }
    this.directory.save(shard);
  }
}
