import { Principal } from '../../core/index.ts';
import { effectiveState, type ShardRecord } from './lb-model.ts';
import type { Provisioning } from './shard-provisioner.ts';
import type { Migration } from './user-migrations.ts';
import { windowUsers } from './strategies.ts';

const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

export function shardView(shard: ShardRecord, now: bigint, windowNs: bigint) {
  return {
    canister: Principal.fromText(shard.canister),
    key: shard.seq,
    state: effectiveState(shard),
    weight: shard.weight,
    users: BigInt(shard.users),
    users_in_window: BigInt(windowUsers(shard, now, windowNs)),
    added_at: shard.addedAt,
    last_health: opt(shard.lastPoll),
    failures_in_row: shard.failuresInRow,
    cost_instructions: shard.costInstructions,
  };
}

export function provisioningView(work: Provisioning | undefined) {
  if (work === undefined) return [] as [];
  return [
    {
      step: work.step,
      canister: opt(work.canister === undefined ? undefined : Principal.fromText(work.canister)),
      key: work.key,
      started_at: work.startedAt,
      reason: work.reason,
      attempts: work.attempts,
      last_error: opt(work.lastError),
    },
  ] as const;
}

export function migrationView(work: Migration) {
  return {
    user: Principal.fromText(work.user),
    from: Principal.fromText(work.from),
    to: Principal.fromText(work.to),
    step: work.step,
    started_at: work.startedAt,
    copied: BigInt(work.copied),
    attempts: work.attempts,
    paused: work.paused,
    last_error: opt(work.lastError),
  };
}
