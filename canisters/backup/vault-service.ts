import {
  CanisterError,
  isCanisterError,
  type Platform,
  Principal,
  type StableStore,
} from '../../core/index.ts';
import type { ChunkVault } from './chunk-vault.ts';
import type { ProtectedCalls, RemotePolicy } from './protected-calls.ts';
import type { ExportPuller } from './pull-export.ts';
import { retainedVersions } from './retention.ts';
import type { SnapshotTaker } from './snapshot-taker.ts';
import { vaultError } from './vault-errors.ts';
import type { ProtectedCanister, ProtectionPolicy, Trigger } from './vault-model.ts';
import type { VersionBook } from './version-book.ts';

export type BackupKind = 'export' | 'snapshot' | 'both';

const NS_PER_SECOND = 1_000_000_000n;

export function policyOf(remote: RemotePolicy): ProtectionPolicy {
  return {
    keepLast: remote.keep_last,
    dailyDays: remote.daily_days,
    everySeconds: remote.every_seconds,
    maxAgeSeconds: remote.max_age_seconds,
    keepSnapshots: remote.keep_snapshots,
    dueAfterWrites: remote.due_after_writes,
  };
}

/** Protected canisters and the backups taken of them: what the endpoints and timers call. */
export class VaultService {
  constructor(
    private readonly platform: Platform,
    private readonly calls: ProtectedCalls,
    readonly targets: StableStore<ProtectedCanister>,
    readonly versions: VersionBook,
    private readonly chunks: ChunkVault,
    private readonly puller: ExportPuller,
    private readonly snapshots: SnapshotTaker,
  ) {}

  /** Starts protecting a canister: reads its policy and registers for its "backup due" notices. */
  async protect(input: { canister: string; kind: string; group?: string; shard?: string }) {
    let status: Awaited<ReturnType<ProtectedCalls['status']>>;
    try {
      status = await this.calls.status(input.canister);
      await this.calls.setNotify(input.canister, this.platform.selfId());
    } catch (error) {
      // A typed refusal keeps its code; a rejected call (no such canister, stopped) becomes one.
      if (isCanisterError(error)) throw error;
      throw new CanisterError(
        'VAULT_PROTECT_FAILED',
        `${input.canister} cannot be protected: ${String((error as Error)?.message ?? error).slice(0, 300)}`,
      );
    }
    const known = this.targets.get(input.canister);
    const target: ProtectedCanister = {
      ...known,
      ...input,
      addedAt: known?.addedAt ?? this.platform.time(),
      policy: policyOf(status.policy),
    };
    this.targets.set(input.canister, target);
    return target;
  }

  unprotect(canister: string): ProtectedCanister {
    const target = this.requireTarget(canister);
    this.targets.delete(canister);
    return target;
  }

  requireTarget(canister: string): ProtectedCanister {
    const target = this.targets.get(canister);
    if (target === undefined) {
      throw vaultError('VAULT_NOT_PROTECTED', `${canister} is not protected here`, {
        expected: 'a canister added with protect',
        found: canister,
      });
    }
    return target;
  }

  list(): ProtectedCanister[] {
    return this.targets.page(0, 1000).entries.map(([, target]) => target);
  }

  /** An export and, by `kind`, an IC snapshot; the ids of what was taken. */
  async backup(canister: string, kind: BackupKind, trigger: Trigger) {
    const target = this.requireTarget(canister);
    const version = kind === 'snapshot' ? undefined : await this.puller.pull(canister, trigger);
    const wantsSnapshot =
      kind === 'snapshot' || (kind === 'both' && target.policy.keepSnapshots > 0);
    const snapshot = wantsSnapshot ? await this.snapshots.take(canister, trigger) : undefined;
    return { version, snapshot };
  }

  /** Keeps what the canister's retention policy says; drops the chunks of every other export. */
  applyRetention(canister: string): number {
    const target = this.targets.get(canister);
    if (target === undefined) return 0;
    const complete = this.versions.of(canister, 'export').filter((v) => v.status === 'complete');
    const kept = retainedVersions(
      complete.map((v) => ({ id: v.id, finishedAt: v.finishedAt ?? v.startedAt })),
      target.policy,
      this.platform.time(),
    );
    let pruned = 0;
    for (const version of complete) {
      if (kept.has(version.id)) continue;
      this.chunks.drop(version.id, version.chunksStored);
      const { manifest: _dropped, ...rest } = version;
      this.versions.update(version.id, { ...rest, manifest: undefined, status: 'pruned' });
      pruned += 1;
    }
    return pruned;
  }

  /** A protected canister says a backup is due (its write count reached dueAfterWrites). */
  acceptDueNotice(caller: Principal, canister: Principal): void {
    if (caller.toText() !== canister.toText()) {
      throw vaultError('VAULT_FORBIDDEN', 'only a protected canister may report itself due', {
        expected: canister.toText(),
        found: caller.toText(),
      });
    }
    this.requireTarget(canister.toText());
    // Pulled from a timer: the notice's call returns at once.
    this.platform.setTimer(0, () =>
      this.quietly(this.backup(canister.toText(), 'export', 'change')),
    );
  }

  /**
   * The scheduler's tick: pulls each canister with changes whose last pull is older than its
   * policy's interval, and backs up (export and snapshot) any canister whose health is degraded.
   */
  async tick(): Promise<void> {
    const now = this.platform.time();
    for (const target of this.list()) {
      const interval = BigInt(target.policy.everySeconds) * NS_PER_SECOND;
      try {
        // A canister without health_check (or unreachable) is judged by its backup status alone.
        const health = await this.calls.health(target.canister).catch(() => 'unknown');
        const recentEmergency =
          target.lastEmergencyAt !== undefined && now - target.lastEmergencyAt < interval;
        if ((health === 'degraded' || health === 'unhealthy') && !recentEmergency) {
          this.setTarget(target.canister, { lastEmergencyAt: now });
          await this.backup(target.canister, 'both', 'emergency');
          continue;
        }
        const status = await this.calls.status(target.canister);
        this.setTarget(target.canister, { policy: policyOf(status.policy) });
        const pulledRecently =
          target.lastPullAt !== undefined && now - target.lastPullAt < interval;
        if (status.changes_since_backup > 0n && !pulledRecently) {
          await this.backup(target.canister, 'export', 'scheduled');
        }
      } catch {
        // Recorded in the stats by the puller; the next tick tries again.
      }
    }
  }

  /** Re-reads the record after an await (it may have changed or been removed meanwhile). */
  private setTarget(canister: string, change: Partial<ProtectedCanister>): void {
    const current = this.targets.get(canister);
    if (current !== undefined) this.targets.set(canister, { ...current, ...change });
  }

  private async quietly(work: Promise<unknown>): Promise<void> {
    await work.catch(() => undefined);
  }
}
