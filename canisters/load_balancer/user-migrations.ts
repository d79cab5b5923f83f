import { binaryString, CanisterError, type Platform, type StableStore } from '../../core/index.ts';
import {
  cancelMoveOut,
  exportUserData,
  importUserData,
  moveUserOut,
  releaseMovedUser,
  removeUserCopy,
} from './migration-calls.ts';
import { rejectText } from './shard-calls.ts';
import type { ShardDirectory } from './shard-directory.ts';

/** copy (the source freezes the user) → verify → switch (the placement) → release → delete. */
export type MigrationStep = 'copy' | 'verify' | 'switch' | 'release' | 'delete';

/** A user's move from one shard to another, persisted after every step. */
export interface Migration {
  user: string;
  from: string;
  to: string;
  step: MigrationStep;
  startedAt: bigint;
  copied: number;
  attempts: number;
  /** A step before the switch failed: the source took the user back; advance_migration retries. */
  paused: boolean;
  lastError?: string;
}

const BEFORE_SWITCH: MigrationStep[] = ['copy', 'verify'];

/**
 * Moves a pinned user's calendars to another shard, one step per message (the `migration-step`
 * timer or advance_migration), so at every moment exactly one shard serves the user: the source
 * until the placement switches, which happens in one write only after the copy compared equal
 * page by page; the target from then on; the source's copy is deleted last. A failure before the
 * switch hands the user back to the source (writes allowed again) and pauses the migration; its
 * retry starts the copy over. A failure after the switch is retried until the copy is deleted.
 */
export class UserMigrations {
  private readonly running = new Set<string>();

  constructor(
    private readonly platform: Platform,
    private readonly directory: ShardDirectory,
    private readonly store: StableStore<Migration>,
  ) {}

  get(user: string): Migration | undefined {
    return this.store.get(user);
  }

  list(): Migration[] {
    return this.store.page(0, 100).entries.map(([, m]) => m);
  }

  start(user: string, to: string): Migration {
    if (this.store.has(user)) {
      throw new CanisterError('LB_MIGRATION_BUSY', `a migration of ${user} is in progress`);
    }
    const from = this.directory.routeOf(user);
    if (from === undefined) {
      throw new CanisterError('LB_NOT_PLACED', `${user} is not pinned to a shard`);
    }
    const target = this.directory.shard(to);
    if (to === from || target.state === 'retired') {
      throw new CanisterError('LB_MIGRATION_INVALID', `cannot migrate ${user} to ${to}`, {
        expected: 'a shard other than the user’s own, not retired',
        found: to === from ? 'the user’s own shard' : 'a retired shard',
      });
    }
    const migration: Migration = {
      user,
      from,
      to,
      step: 'copy',
      startedAt: this.platform.time(),
      copied: 0,
      attempts: 0,
      paused: false,
    };
    this.store.set(user, migration);
    return migration;
  }

  /** Runs every migration's next step, except paused ones (they wait for an admin's retry). */
  async stepAll(): Promise<void> {
    for (const migration of this.list()) if (!migration.paused) await this.step(migration.user);
  }

  /** Runs the next step of `user`'s migration; returns it after (undefined once finished). */
  async step(user: string): Promise<Migration | undefined> {
    const work = this.store.get(user);
    if (work === undefined || this.running.has(user)) return work;
    this.running.add(user);
    try {
      await this.run(work);
    } catch (error) {
      await this.failed(user, rejectText(error).slice(0, 300));
    } finally {
      this.running.delete(user);
    }
    return this.store.get(user);
  }

  /** Gives a migration up before its switch: the source takes writes again, the copy is removed. */
  async abort(user: string): Promise<void> {
    const work = this.require(user);
    if (!BEFORE_SWITCH.includes(work.step) || this.running.has(user)) {
      throw new CanisterError(
        'LB_MIGRATION_SWITCHED',
        `the migration of ${user} cannot be aborted`,
        {
          expected: 'a migration before its switch, not running',
          found: this.running.has(user) ? 'running' : work.step,
        },
      );
    }
    this.running.add(user);
    try {
      await cancelMoveOut(this.platform, work.from, user);
      await removeUserCopy(this.platform, work.to, user);
      this.store.delete(user);
    } finally {
      this.running.delete(user);
    }
  }

  require(user: string): Migration {
    const work = this.store.get(user);
    if (work === undefined) {
      throw new CanisterError('LB_NO_MIGRATION', `no migration of ${user} is in progress`);
    }
    return work;
  }

  private async run(work: Migration): Promise<void> {
    const { platform } = this;
    const { user, from, to } = work;
    switch (work.step) {
      case 'copy': {
        await moveUserOut(platform, from, user, to);
        await removeUserCopy(platform, to, user); // what an earlier attempt copied
        let copied = 0;
        let cursor: string | undefined;
        do {
          const page = await exportUserData(platform, from, user, cursor);
          await importUserData(platform, to, user, from, page.items);
          copied += page.items.length;
          cursor = page.next;
        } while (cursor !== undefined);
        this.save({ ...work, step: 'verify', copied, paused: false });
        return;
      }
      case 'verify': {
        await this.verify(work);
        this.save({ ...work, step: 'switch' });
        return;
      }
      case 'switch': {
        if (this.directory.routeOf(user) === from) this.directory.repin(user, to);
        this.directory.count((c) => (c.migrations = (c.migrations ?? 0) + 1));
        this.save({ ...work, step: 'release' });
        return;
      }
      case 'release': {
        await releaseMovedUser(platform, to, user);
        this.save({ ...work, step: 'delete' });
        return;
      }
      case 'delete': {
        await removeUserCopy(platform, from, user);
        this.store.delete(user);
        return;
      }
    }
  }

  /** Both shards export the user's data numbered as on the source: every page must be equal. */
  private async verify({ user, from, to }: Migration): Promise<void> {
    let source: string | undefined;
    let target: string | undefined;
    let page = 0;
    do {
      const a = await exportUserData(this.platform, from, user, source);
      const b = await exportUserData(this.platform, to, user, target);
      page++;
      const same =
        a.items.length === b.items.length &&
        a.items.every((item, i) => binaryString(item) === binaryString(b.items[i]!)) &&
        (a.next === undefined) === (b.next === undefined);
      if (!same) throw new Error(`verify: page ${page} of the copy on ${to} differs from ${from}`);
      source = a.next;
      target = b.next;
    } while (source !== undefined);
  }

  private async failed(user: string, text: string): Promise<void> {
    const work = this.store.get(user);
    if (work === undefined) return;
    const beforeSwitch = BEFORE_SWITCH.includes(work.step);
    this.save({
      ...work,
      step: beforeSwitch ? 'copy' : work.step,
      paused: beforeSwitch,
      attempts: work.attempts + 1,
      lastError: text,
    });
    if (!beforeSwitch) return;
    try {
      await cancelMoveOut(this.platform, work.from, user);
    } catch {
      // The source is unreachable: it serves nobody now, and the retry freezes it again anyway.
    }
  }

  private save(work: Migration): void {
    this.store.set(work.user, work);
  }
}
