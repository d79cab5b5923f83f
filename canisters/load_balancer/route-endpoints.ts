import { allow, caller, IDL, inject, Principal, query, update } from '../../core/index.ts';
import { RouteResult, StatsView } from './lb-idl.ts';
import { provisioningView, shardView } from './lb-views.ts';
import { LOAD_BALANCER } from './lb-token.ts';

/**
 * What clients call: `route` once (a free query) to learn their shard, `assign_me` on first sign-in
 * to be pinned; then they call the shard directly. The load balancer is a directory, not a proxy.
 */
export class RouteEndpoints {
  private readonly lb = inject(LOAD_BALANCER);

  /** The shard serving `user`, or the shard a new user would get now (`placed = false`). */
  @query([IDL.Principal], RouteResult)
  @allow('public')
  route(user: Principal) {
    const pinned = this.lb.directory.routeOf(user.toText());
    if (pinned !== undefined) return { canister: Principal.fromText(pinned), placed: true };
    return { canister: Principal.fromText(this.lb.directory.candidateFor().id), placed: false };
  }

  /** Pins the caller to a shard (the one already pinned, if any). */
  @update([], RouteResult)
  @allow('user')
  assign_me() {
    const { canister } = this.lb.directory.assign(caller().toText());
    this.lb.provisioner.startIfFull();
    return { canister: Principal.fromText(canister), placed: true };
  }

  @query([], StatsView)
  @allow('public')
  get_load_balancer_stats() {
    const { directory, provisioner, wasm, settings, platform } = this.lb;
    const now = platform.time();
    const windowNs = BigInt(settings.windowSeconds) * 1_000_000_000n;
    const counters = directory.counters();
    const manifest = wasm.manifest();
    const threshold = provisioner.threshold();
    return {
      strategy: directory.strategy(),
      shards: directory.shards().map((c) => shardView(c.shard, now, windowNs)),
      placements: BigInt(directory.placementCount()),
      decisions: Object.entries(counters.decisions).map(([strategy, count]) => ({
        strategy,
        count: BigInt(count),
      })),
      failovers: BigInt(counters.failovers),
      migrated: BigInt(counters.migrations ?? 0),
      migrating: BigInt(this.lb.migrations.list().length),
      provisioned: provisioner.history().map((id) => Principal.fromText(id)),
      provisioning: provisioningView(provisioner.current()),
      capacity_users_per_shard: threshold === undefined ? [] : [BigInt(threshold)],
      shard_wasm: {
        module_hash: manifest === undefined ? [] : [manifest.moduleHash],
        chunks: manifest?.chunkHashes.length ?? 0,
        uploaded: wasm.uploaded(),
      },
    };
  }
}
