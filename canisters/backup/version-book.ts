import type { StableStore } from '../../core/index.ts';
import type { BackupVersion, CanisterStats, VersionKind } from './vault-model.ts';
import { vaultError } from './vault-errors.ts';

const NEXT_ID = 'next-version-id';

/** Backup versions (key: id), their id counter and per-canister outcome statistics. */
export class VersionBook {
  constructor(
    private readonly versions: StableStore<BackupVersion>,
    private readonly meta: StableStore<bigint>,
    private readonly stats: StableStore<CanisterStats>,
  ) {}

  /** A new version record; ids grow by one and are never reused. */
  open(fields: Omit<BackupVersion, 'id'>): BackupVersion {
    const id = this.meta.get(NEXT_ID) ?? 1n;
    this.meta.set(NEXT_ID, id + 1n);
    const version = { id, ...fields };
    this.versions.set(id, version);
    return version;
  }

  get(id: bigint): BackupVersion | undefined {
    return this.versions.get(id);
  }

  require(id: bigint): BackupVersion {
    const version = this.get(id);
    if (version === undefined) {
      throw vaultError('VAULT_UNKNOWN_VERSION', `no backup version ${id}`, { found: `${id}` });
    }
    return version;
  }

  update(id: bigint, change: Partial<BackupVersion>): BackupVersion {
    const next = { ...this.require(id), ...change };
    this.versions.set(id, next);
    return next;
  }

  /** Every version of a canister, oldest first. */
  of(canister: string, kind?: VersionKind): BackupVersion[] {
    const all: BackupVersion[] = [];
    let after: bigint | string | undefined;
    for (;;) {
      const page = this.versions.findBy('canister', canister, after, 200);
      all.push(...page.entries.map(([, v]) => v));
      if (page.next === undefined) break;
      after = page.next;
    }
    return all
      .filter((v) => kind === undefined || v.kind === kind)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Complete, uncorrupted exports of a canister, newest first: what a recovery may use. */
  restorable(canister: string): BackupVersion[] {
    return this.of(canister, 'export')
      .filter((v) => v.status === 'complete')
      .reverse();
  }

  statsOf(canister: string): CanisterStats {
    return this.stats.get(canister) ?? { successes: 0, failures: 0 };
  }

  recordSuccess(canister: string, at: bigint, durationNs: bigint): void {
    const stats = this.statsOf(canister);
    this.stats.set(canister, {
      ...stats,
      successes: stats.successes + 1,
      lastSuccessAt: at,
      lastDurationNs: durationNs,
    });
  }

  recordFailure(canister: string, at: bigint, why: string): void {
    const stats = this.statsOf(canister);
    this.stats.set(canister, {
      ...stats,
      failures: stats.failures + 1,
      lastFailureAt: at,
      lastFailure: why.slice(0, 500),
    });
  }
}
