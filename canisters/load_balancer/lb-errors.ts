/** Codes the load balancer returns in `Err`, with the meaning README.md documents (a test keeps both equal). */
export const LOAD_BALANCER_ERROR_CODES = {
  LB_NO_SHARD:
    'No shard takes new users: every shard is draining, unhealthy or retired, or none was added.',
  LB_UNKNOWN_SHARD: 'The principal is not a shard of this load balancer.',
  LB_SHARD_EXISTS: 'The canister is already a shard.',
  LB_SHARD_RETIRED: 'The shard is retired; a retired shard does not come back.',
  LB_SHARD_HAS_USERS: 'The shard still has pinned users; migrate them before retiring it.',
  LB_INVALID_WEIGHT: 'A weight is not an integer from 1 to 1000.',
  LB_INVALID_CAPACITY: 'A capacity threshold is not an integer from 1 to 1,000,000,000 users.',
  LB_INVALID_STRATEGY:
    'The strategy is not round_robin, least_connections, weighted_random or response_time.',
  LB_TOO_MANY_SHARDS: 'The load balancer already holds the maximum number of shards (1000).',
  LB_WASM_INVALID:
    'The uploaded shard Wasm is incomplete or a chunk does not match its declared hash.',
  LB_NOT_CONFIGURED:
    'Provisioning needs the registry, the user registry and the uploaded shard Wasm first.',
  LB_PROVISIONING_BUSY: 'A provisioning is in progress; it must finish before another starts.',
  LB_NOT_PLACED: 'The user is not pinned to a shard: there is nothing to migrate.',
  LB_MIGRATION_INVALID: "The migration's target is the user's own shard or a retired one.",
  LB_MIGRATION_BUSY: 'A migration of this user is in progress; advance or abort it first.',
  LB_NO_MIGRATION: 'No migration of this user is in progress.',
  LB_MIGRATION_SWITCHED:
    'The migration passed its switch (or is running a step): it can be finished, not aborted.',
} as const;

export type LoadBalancerErrorCode = keyof typeof LOAD_BALANCER_ERROR_CODES;
