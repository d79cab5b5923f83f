import { allow, CanisterError, IDL, inject, Principal, update } from '../../core/index.ts';
import { STRATEGIES, type Strategy } from '../../plugins/balancing/index.ts';
import { ShardResult, TextResult } from './lb-idl.ts';
import type { ShardRecord } from './lb-model.ts';
import { shardView } from './lb-views.ts';
import { LOAD_BALANCER } from './lb-token.ts';

/** Changes to the shard set and the strategy: controllers and auth's admins only. */
export class AdminEndpoints {
  private readonly lb = inject(LOAD_BALANCER);

  @update([IDL.Principal, IDL.Nat32], ShardResult)
  @allow('admin')
  add_shard(canister: Principal, weight: number) {
    return this.view(this.lb.directory.addShard(canister.toText(), weight));
  }

  /** No new users; the shard's users are still routed to it. */
  @update([IDL.Principal], ShardResult)
  @allow('admin')
  drain_shard(canister: Principal) {
    return this.view(this.lb.directory.setState(canister.toText(), 'draining'));
  }

  /** Takes new users again (after drain_shard). */
  @update([IDL.Principal], ShardResult)
  @allow('admin')
  activate_shard(canister: Principal) {
    return this.view(this.lb.directory.setState(canister.toText(), 'active'));
  }

  /** Out of the set for good; only a shard without users. */
  @update([IDL.Principal], ShardResult)
  @allow('admin')
  retire_shard(canister: Principal) {
    return this.view(this.lb.directory.setState(canister.toText(), 'retired'));
  }

  @update([IDL.Principal, IDL.Nat32], ShardResult)
  @allow('admin')
  reweight_shard(canister: Principal, weight: number) {
    return this.view(this.lb.directory.reweight(canister.toText(), weight));
  }

  /** After a recovery restored a shard onto a new canister: its users follow in one write. */
  @update([IDL.Principal, IDL.Principal], ShardResult)
  @allow('admin')
  replace_shard_canister(canister: Principal, replacement: Principal) {
    return this.view(this.lb.directory.replaceCanister(canister.toText(), replacement.toText()));
  }

  @update([IDL.Text], TextResult)
  @allow('admin')
  set_strategy(strategy: string) {
    if (!(STRATEGIES as readonly string[]).includes(strategy)) {
      throw new CanisterError(
        'LB_INVALID_STRATEGY',
        `unknown strategy '${strategy.slice(0, 40)}'`,
        {
          expected: STRATEGIES.join(', '),
          found: strategy.slice(0, 40),
        },
      );
    }
    return this.lb.directory.setStrategy(strategy as Strategy);
  }

  /** Polls every shard now instead of waiting for the timer. */
  @update([], IDL.Null)
  @allow('admin')
  async poll_shards() {
    await this.lb.poller.pollAll();
    this.lb.provisioner.startIfFull();
    return null;
  }

  private view(shard: ShardRecord) {
    const windowNs = BigInt(this.lb.settings.windowSeconds) * 1_000_000_000n;
    return shardView(shard, this.lb.platform.time(), windowNs);
  }
}
