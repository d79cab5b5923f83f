import {
  allow,
  caller,
  inject,
  limits,
  Principal,
  query,
  Result,
  token,
  update,
} from '../../core/index.ts';
import type { BackupService } from './backup-service.ts';
import type { BackupState } from './backup-state.ts';
import {
  BackupManifestIdl,
  BackupPlanIdl,
  BackupPlanPageIdl,
  BackupStatusIdl,
  ChunkRequestIdl,
  ExportedChunkIdl,
  ImportProgressIdl,
  ImportResultIdl,
  PlanCursorIdl,
} from './candid.ts';
import { IDL } from '../../core/index.ts';
import type { PlanCursor } from './export-planner.ts';
import type { BackupManifest, ChunkRef } from './manifest.ts';

/**
 * Checking a manifest recomputes its SHA-256 digest, about 10 k instructions per byte in QuickJS:
 * a manifest near the 1.1 MB argument bound costs ~12 B (the fuzz suite measured 10.5 B). Only a
 * caller allowed to back up gets that far (assertMayBackup runs first), so it is no drain.
 */
const MANIFEST_BUDGET = 20_000_000_000;

export const BACKUP_SERVICE = token<BackupService>('backup/service');
export const BACKUP_STATE = token<BackupState>('backup/state');

const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

/**
 * Backup endpoints. Every one is for controllers and backup principals
 * (`@allow('user')` keeps the anonymous caller out; the service checks the rest).
 * Export: plan → chunks → confirm. Import: begin → chunks → commit.
 */
export class BackupEndpoints {
  private readonly backup = inject(BACKUP_SERVICE);
  private readonly state = inject(BACKUP_STATE);

  @query([], Result(BackupStatusIdl))
  @allow('user')
  backup_status() {
    this.backup.assertMayBackup(caller());
    const stored = this.state.read();
    const due = this.state.due();
    return {
      changes_since_backup: stored.changes,
      last_backup_at: opt(stored.lastBackupAt),
      last_digest: opt(stored.lastDigest),
      last_restore_at: opt(stored.lastRestoreAt),
      due: due.due,
      reason: due.reason,
      stores: this.backup.exportedStores(),
      policy: this.backup.policyView(),
      notify: opt(stored.notify === undefined ? undefined : Principal.fromText(stored.notify)),
    };
  }

  /** The backup canister registers itself here to hear when a backup falls due by write count. */
  @update([IDL.Principal], Result(IDL.Null))
  @allow('user')
  backup_set_notify(backupCanister: Principal) {
    this.backup.assertMayBackup(caller());
    this.state.setNotify(backupCanister.toText());
    return null;
  }

  @query([], Result(BackupPlanIdl))
  @allow('user')
  backup_plan() {
    this.backup.assertMayBackup(caller());
    return this.backup.plan();
  }

  /** The plan in pages (`next` names the following one): what the backup canister calls. */
  @query([IDL.Opt(PlanCursorIdl)], Result(BackupPlanPageIdl))
  @allow('user')
  backup_plan_page(cursor: [] | [PlanCursor]) {
    this.backup.assertMayBackup(caller());
    const { next, ...page } = this.backup.planPage(cursor[0]);
    return { ...page, next: next === undefined ? [] : [next] };
  }

  @query([ChunkRequestIdl], Result(ExportedChunkIdl))
  @allow('user')
  backup_export_chunk(request: Omit<ChunkRef, 'bytes'>) {
    this.backup.assertMayBackup(caller());
    return this.backup.exportChunk(request);
  }

  @update([BackupManifestIdl], Result(IDL.Null))
  @allow('user')
  @limits({ maxInstructions: MANIFEST_BUDGET })
  backup_confirm(manifest: BackupManifest) {
    this.backup.assertMayBackup(caller());
    this.backup.confirm(manifest);
    return null;
  }

  @update([BackupManifestIdl], Result(IDL.Null))
  @allow('user')
  @limits({ maxInstructions: MANIFEST_BUDGET })
  backup_import_begin(manifest: BackupManifest) {
    this.backup.assertMayBackup(caller());
    this.backup.beginImport(manifest);
    return null;
  }

  @update([IDL.Nat32, IDL.Vec(IDL.Nat8)], Result(ImportProgressIdl))
  @allow('user')
  backup_import_chunk(index: number, data: Uint8Array | number[]) {
    this.backup.assertMayBackup(caller());
    return this.backup.importChunk(index, Uint8Array.from(data));
  }

  @update([], Result(ImportResultIdl))
  @allow('user')
  backup_import_commit() {
    this.backup.assertMayBackup(caller());
    return this.backup.commitImport();
  }

  @update([], Result(IDL.Bool))
  @allow('user')
  backup_import_abort() {
    this.backup.assertMayBackup(caller());
    return this.backup.abortImport();
  }
}

/** Method names of this plugin: their calls are not counted as writes. */
export const BACKUP_METHODS = new Set([
  'backup_status',
  'backup_plan',
  'backup_plan_page',
  'backup_export_chunk',
  'backup_confirm',
  'backup_import_begin',
  'backup_import_chunk',
  'backup_import_commit',
  'backup_import_abort',
  'backup_set_notify',
]);
