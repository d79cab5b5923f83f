import { Principal } from '../../core/index.ts';
import type {
  BackupVersion,
  CanisterStats,
  ProtectedCanister,
  ProtectionPolicy,
} from './vault-model.ts';

const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);
const NS_PER_SECOND = 1_000_000_000n;

export function policyView(p: ProtectionPolicy) {
  return {
    keep_last: p.keepLast,
    daily_days: p.dailyDays,
    every_seconds: p.everySeconds,
    max_age_seconds: p.maxAgeSeconds,
    keep_snapshots: p.keepSnapshots,
    due_after_writes: p.dueAfterWrites,
  };
}

export function protectedView(t: ProtectedCanister) {
  return {
    canister: Principal.fromText(t.canister),
    kind: t.kind,
    group: opt(t.group),
    shard: opt(t.shard),
    added_at: t.addedAt,
    policy: policyView(t.policy),
  };
}

export function versionView(v: BackupVersion) {
  return {
    id: v.id,
    canister: Principal.fromText(v.canister),
    kind: v.kind,
    trigger: v.trigger,
    status: v.status,
    started_at: v.startedAt,
    finished_at: opt(v.finishedAt),
    chunks: v.manifest?.chunks.length ?? v.chunksStored,
    chunks_stored: v.chunksStored,
    bytes: v.bytes,
    records: v.records,
    digest: opt(v.manifest?.digest),
    snapshot_id: opt(v.snapshotId),
    error: opt(v.error),
  };
}

/**
 * Whether a protected canister has had a good backup within its policy's maxAge (counted from
 * when protection began while it has none yet).
 */
export function backupIsFresh(
  target: ProtectedCanister,
  stats: CanisterStats,
  now: bigint,
): boolean {
  const since = stats.lastSuccessAt ?? target.addedAt;
  return now - since <= target.policy.maxAgeSeconds * NS_PER_SECOND;
}

export function statsView(
  target: ProtectedCanister,
  stats: CanisterStats,
  versions: BackupVersion[],
  now: bigint,
) {
  const kept = versions.filter((v) => v.status === 'complete');
  const attempts = stats.successes + stats.failures;
  return {
    canister: Principal.fromText(target.canister),
    kind: target.kind,
    last_success_at: opt(stats.lastSuccessAt),
    last_failure_at: opt(stats.lastFailureAt),
    last_failure: opt(stats.lastFailure),
    versions_kept: kept.filter((v) => v.kind === 'export').length,
    snapshots_kept: kept.filter((v) => v.kind === 'snapshot').length,
    bytes: kept.filter((v) => v.kind === 'export').reduce((sum, v) => sum + v.bytes, 0n),
    last_duration_ns: opt(stats.lastDurationNs),
    successes: stats.successes,
    failures: stats.failures,
    success_rate: attempts === 0 ? 1 : stats.successes / attempts,
    healthy: backupIsFresh(target, stats, now),
  };
}
