import type { Platform } from '../../core/index.ts';
import type { BackupStatus } from '../backup/index.ts';
import type { CallMetrics, InstructionStats } from './call-metrics.ts';

/** What get_metrics returns (Candid field names). */
export interface MetricsSnapshot {
  canister: string;
  time: bigint;
  started_at: bigint;
  canister_version: bigint;
  cycles: bigint;
  /** Azle 0.33 exposes neither heap nor stable memory size to JavaScript: always empty there. */
  heap_bytes: [] | [bigint];
  stable_bytes: [] | [bigint];
  methods: {
    method: string;
    mode: string;
    calls: bigint;
    errors: { code: string; count: bigint }[];
    instructions: InstructionStats;
  }[];
  backup: [] | [BackupFigures];
}

export interface BackupFigures {
  last_backup_at: [] | [bigint];
  age_seconds: [] | [bigint];
  changes_since_backup: bigint;
  due: boolean;
}

const NS_PER_SECOND = 1_000_000_000n;

export function takeSnapshot(input: {
  canister: string;
  startedAt: bigint;
  platform: Platform;
  calls: CallMetrics;
  backup?: BackupStatus;
}): MetricsSnapshot {
  const { platform, backup } = input;
  const now = platform.time();
  return {
    canister: input.canister,
    time: now,
    started_at: input.startedAt,
    canister_version: platform.canisterVersion(),
    cycles: platform.cycleBalance(),
    heap_bytes: [],
    stable_bytes: [],
    methods: input.calls.list().map((stats) => ({
      method: stats.method,
      mode: stats.mode,
      calls: stats.calls,
      errors: [...stats.errors]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => (a.code < b.code ? -1 : 1)),
      instructions: stats.instructions,
    })),
    backup: backup === undefined ? [] : [backupFigures(backup, now)],
  };
}

function backupFigures(backup: BackupStatus, now: bigint): BackupFigures {
  const last = backup.lastBackupAt();
  return {
    last_backup_at: last === undefined ? [] : [last],
    age_seconds: last === undefined ? [] : [(now - last) / NS_PER_SECOND],
    changes_since_backup: backup.changesSinceBackup(),
    due: backup.due().due,
  };
}
