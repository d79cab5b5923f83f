import type { Platform, Principal, StoreExporter, StoreImporter } from '../../core/index.ts';
import type { BackupState } from './backup-state.ts';
import { MAX_IMPORT_CHUNK_BYTES, type ResolvedBackupOptions } from './backup-options.ts';
import { backupError } from './errors.ts';
import { exportChunkBytes, type PlanCursor, planChunks, planChunksFrom } from './export-planner.ts';
import { ImportSession } from './import-session.ts';
import { type BackupManifest, type BackupPlan, type ChunkRef, verifyManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';
import { COMMIT_ENTRIES, COMMIT_INSTRUCTIONS, WorkBudget } from './work-budget.ts';

/** Work of one plan page (backup_plan_page); a query may run 5 B instructions. */
export const PLAN_PAGE_INSTRUCTIONS = 1_500_000_000n;

/** The plugin's own stores never travel in a backup (their state describes the backups). */
export const OWN_STORE_PREFIX = 'backup/';

/** Export, confirm and import of every registered store; the endpoints only translate Candid. */
export class BackupService {
  private session: ImportSession | undefined;

  constructor(
    private readonly canisterName: string,
    private readonly platform: Platform,
    private readonly stores: StoreExporter & StoreImporter,
    private readonly state: BackupState,
    private readonly options: ResolvedBackupOptions,
  ) {}

  /** Controllers and configured backup principals; nobody else sees or changes backups. */
  assertMayBackup(caller: Principal): void {
    if (this.platform.isController(caller)) return;
    if (this.options.backupPrincipals.has(caller.toText())) return;
    throw backupError('BACKUP_FORBIDDEN', 'backups are for controllers and backup principals', {
      expected: 'a controller or one of plugins.backup.backupPrincipals',
      found: caller.toText(),
    });
  }

  policyView() {
    const p = this.options.policy;
    return {
      keep_last: p.keepLast,
      daily_days: p.dailyDays,
      every_seconds: p.everySeconds,
      max_age_seconds: p.maxAgeSeconds,
      keep_snapshots: p.keepSnapshots,
      due_after_writes: p.dueAfterWrites,
    };
  }

  exportedStores(): string[] {
    return this.stores
      .storeNames()
      .filter((name) => !name.startsWith(OWN_STORE_PREFIX) && !this.options.exclude.has(name));
  }

  plan(): BackupPlan {
    const { stores, chunks } = planChunks(
      this.stores,
      this.exportedStores(),
      this.options.maxChunkBytes,
    );
    return {
      canister: this.canisterName,
      created_at: this.platform.time(),
      changes: this.state.changesSinceBackup(),
      stores,
      chunks,
    };
  }

  /**
   * One page of the plan, cut after ~PLAN_PAGE_INSTRUCTIONS at a chunk boundary, so a plan of any
   * size is made in messages that stay far below the 5 B a query (or a replicated query) may use.
   */
  planPage(cursor: PlanCursor | undefined): BackupPlan & { next?: PlanCursor } {
    const stop = this.platform.performanceCounter(0) + PLAN_PAGE_INSTRUCTIONS;
    const page = planChunksFrom(
      this.stores,
      this.exportedStores(),
      this.options.maxChunkBytes,
      cursor,
      () => this.platform.performanceCounter(0) >= stop,
    );
    return {
      canister: this.canisterName,
      created_at: this.platform.time(),
      changes: this.state.changesSinceBackup(),
      ...page,
    };
  }

  exportChunk(ref: Omit<ChunkRef, 'bytes'>): { data: Uint8Array; sha256: string } {
    this.assertExported(ref.store);
    const data = exportChunkBytes(this.stores, ref, this.options.maxChunkBytes);
    return { data, sha256: sha256Hex(data) };
  }

  /**
   * Records a finished export as the last backup when it still describes the
   * stores (no counted write since its plan), which resets the write counter.
   */
  confirm(manifest: BackupManifest): void {
    verifyManifest(manifest, MAX_IMPORT_CHUNK_BYTES);
    const changes = this.state.changesSinceBackup();
    if (manifest.changes !== changes) {
      throw backupError('BACKUP_STALE', 'writes happened since this backup was planned', {
        expected: `${manifest.changes} writes since the last backup`,
        found: `${changes}`,
      });
    }
    this.state.recordBackup(manifest.created_at, manifest.digest, false);
  }

  beginImport(manifest: BackupManifest): void {
    verifyManifest(manifest, MAX_IMPORT_CHUNK_BYTES);
    const versions = new Map(
      this.exportedStores().map((name) => [name, this.stores.exportChunk(name, 0, 0).version]),
    );
    for (const store of manifest.stores) {
      const version = versions.get(store.name);
      if (version === undefined) this.assertExported(store.name);
      if (version !== store.version) {
        throw backupError(
          'BACKUP_VERSION_MISMATCH',
          `store ${store.name} has another schema version`,
          {
            expected: `version ${version}`,
            found: `version ${store.version}`,
          },
        );
      }
    }
    this.session = new ImportSession(manifest);
  }

  importChunk(index: number, data: Uint8Array): { received: number; total: number } {
    const session = this.requireSession();
    session.accept(index, data);
    return { received: session.received(), total: session.manifest.chunks.length };
  }

  /**
   * One bounded step (≤ COMMIT_ENTRIES entries, ~COMMIT_INSTRUCTIONS): empty the import shadows,
   * stage the chunks into them, swap every store at once, drop the old records. Call until `done`.
   */
  commitImport(): { stores: number; entries: number; done: boolean } {
    const session = this.requireSession();
    const budget = new WorkBudget(COMMIT_ENTRIES, COMMIT_INSTRUCTIONS, () =>
      this.platform.performanceCounter(0),
    );
    const step = session.commitStep(this.stores, budget);
    if (step.swapped) {
      this.state.recordBackup(session.manifest.created_at, session.manifest.digest, true);
    }
    const done = step.phase === 'done';
    if (done) this.session = undefined;
    return { stores: step.stores, entries: step.entries, done };
  }

  /** From the first commit step until the swap, only backup calls may run (their writes would be lost). */
  restoring(): boolean {
    return this.session?.committing() ?? false;
  }

  /** Drops the import: the stores are as they were, or already swapped; the shadows are cleared by the next import. */
  abortImport(): boolean {
    const had = this.session !== undefined;
    this.session = undefined;
    return had;
  }

  private requireSession(): ImportSession {
    if (this.session === undefined) {
      throw backupError('BACKUP_NO_IMPORT', 'no import is in progress', {
        expected: 'backup_import_begin first',
        found: 'no session',
      });
    }
    return this.session;
  }

  private assertExported(store: string): void {
    if (!this.exportedStores().includes(store)) {
      throw backupError('BACKUP_UNKNOWN_STORE', `store ${store} is not backed up here`, {
        expected: `one of ${this.exportedStores().join(', ') || '(no stores)'}`,
        found: store,
      });
    }
  }
}
