import type { Platform, StableStore } from '../../core/index.ts';
import type { BackupStatus } from './tokens.ts';

export interface StoredBackupState {
  changes: bigint;
  lastBackupAt?: bigint;
  lastDigest?: string;
  lastRestoreAt?: bigint;
  /** The backup canister told when a backup falls due (set by it through backup_set_notify). */
  notify?: string;
}

const KEY = 'state';
const NS_PER_SECOND = 1_000_000_000n;

/** The write counter and last backup facts, kept in the plugin's own stable store. */
export class BackupState implements BackupStatus {
  constructor(
    private readonly store: StableStore<StoredBackupState>,
    private readonly platform: Platform,
    private readonly dueAfterWrites: bigint,
    private readonly maxAgeSeconds: bigint,
  ) {}

  read(): StoredBackupState {
    return this.store.get(KEY) ?? { changes: 0n };
  }

  /** Counts one write; true when this write makes a backup due by count (every dueAfterWrites). */
  countWrite(): boolean {
    const state = this.read();
    const changes = state.changes + 1n;
    this.store.set(KEY, { ...state, changes });
    return changes % this.dueAfterWrites === 0n;
  }

  setNotify(principal: string): void {
    this.store.set(KEY, { ...this.read(), notify: principal });
  }

  recordBackup(at: bigint, digest: string, restored: boolean): void {
    const state = this.read();
    this.store.set(KEY, {
      ...state,
      changes: 0n,
      lastBackupAt: at,
      lastDigest: digest,
      ...(restored ? { lastRestoreAt: this.platform.time() } : {}),
    });
  }

  lastBackupAt(): bigint | undefined {
    return this.read().lastBackupAt;
  }

  changesSinceBackup(): bigint {
    return this.read().changes;
  }

  /** Seconds since the last backup; undefined when there was none. */
  ageSeconds(): bigint | undefined {
    const last = this.lastBackupAt();
    return last === undefined ? undefined : (this.platform.time() - last) / NS_PER_SECOND;
  }

  due(): { due: boolean; reason: string } {
    const { changes } = this.read();
    if (changes >= this.dueAfterWrites) {
      return {
        due: true,
        reason: `${changes} writes since the last backup (limit ${this.dueAfterWrites})`,
      };
    }
    const age = this.ageSeconds();
    if (age === undefined) {
      return changes > 0n
        ? { due: true, reason: `no backup yet and ${changes} writes` }
        : { due: false, reason: 'no backup yet and no writes' };
    }
    if (age > this.maxAgeSeconds) {
      return { due: true, reason: `last backup is ${age}s old (limit ${this.maxAgeSeconds}s)` };
    }
    return { due: false, reason: `${changes} writes, last backup ${age}s ago` };
  }
}
