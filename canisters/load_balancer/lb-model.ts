/** Admin-set lifecycle of a shard; `unhealthy` is layered on top by health polling. */
export type AdminState = 'active' | 'draining' | 'retired';
export type ShardState = AdminState | 'unhealthy';

/**
 * One calendar shard, keyed by its number (`seq`, in order of addition). Placements name the number,
 * not the canister, so pointing a shard at a replacement canister moves all its users in one write.
 */
export interface ShardRecord {
  canister: string;
  state: AdminState;
  /** Set by health polling; an unhealthy shard gets no new users. */
  unhealthy: boolean;
  weight: number;
  /** Users pinned to the shard. */
  users: number;
  addedAt: bigint;
  /** The shard's number and key (round robin walks shards in this order). */
  seq: number;
  /** least_connections: users placed since windowStart. */
  windowStart: bigint;
  windowUsers: number;
  /** response_time: placements since the last poll, and the last measured cost. */
  sincePoll: number;
  costInstructions: bigint;
  lastPoll?: PollRecord;
  failuresInRow: number;
  successesInRow: number;
  /** Canisters that served this shard before a recovery replaced them (the last few). */
  replaced?: string[];
}

/** How many former canisters a shard remembers, to answer a repeated replacement. */
export const REMEMBERED_REPLACEMENTS = 8;

export interface PollRecord {
  at: bigint;
  ok: boolean;
  /** `healthy`, `degraded`, `unhealthy`, `stopped` or the failure text. */
  detail: string;
}

/** A user's pinned shard (its number). */
export interface PlacementRecord {
  shard: number;
  at: bigint;
}

/** Counters of what the load balancer did, for get_load_balancer_stats. */
export interface Counters {
  placements: number;
  failovers: number;
  provisioned: number;
  /** users moved to another shard (their migration passed its switch) */
  migrations?: number;
  decisions: Record<string, number>;
}

export const MAX_SHARDS = 1000;
export const MAX_WEIGHT = 1000;

export function effectiveState(shard: ShardRecord): ShardState {
  if (shard.state === 'retired') return 'retired';
  if (shard.unhealthy) return 'unhealthy';
  return shard.state;
}

/** A shard that may receive new users. */
export const takesNewUsers = (shard: ShardRecord) => effectiveState(shard) === 'active';
