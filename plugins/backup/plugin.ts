import { definePlugin, Principal, STORES, IDL, storeWrites } from '../../core/index.ts';
import {
  BACKUP_METHODS,
  BACKUP_SERVICE,
  BACKUP_STATE,
  BackupEndpoints,
} from './backup-endpoints.ts';
import { type BackupOptions, resolveBackupOptions } from './backup-options.ts';
import { BackupService } from './backup-service.ts';
import { BackupState, type StoredBackupState } from './backup-state.ts';
import { backupError } from './errors.ts';
import { BACKUP_STATUS } from './tokens.ts';

/**
 * Backup: generic export/import of every registered store (core's STORES) in
 * sha256-hashed chunks with a manifest; counts successful update calls that wrote a store so a
 * backup can be triggered after N writes or past an age; optional scheduled
 * "backup due" notice to a backup service.
 */
export const backup = definePlugin<BackupOptions>({
  name: 'backup',
  endpoints: [BackupEndpoints],
  setup(ctx) {
    const options = resolveBackupOptions(ctx.options);
    const stateStore = ctx.store<StoredBackupState>({ name: 'state' });
    const state = new BackupState(
      stateStore,
      ctx.platform,
      options.dueAfterWrites,
      options.maxAgeSeconds,
    );
    ctx.provide(BACKUP_STATE, state);
    ctx.provide(BACKUP_STATUS, state);
    ctx.provideFactory(
      BACKUP_SERVICE,
      () => new BackupService(ctx.canisterName, ctx.platform, ctx.resolve(STORES), state, options),
    );

    // Before decoding: a stranger's 1 MB manifest or chunk is refused without reading it.
    ctx.admit((call) => {
      if (!BACKUP_METHODS.has(call.method)) return undefined;
      try {
        ctx.resolve(BACKUP_SERVICE).assertMayBackup(call.caller);
        return undefined;
      } catch (error) {
        return error as ReturnType<typeof backupError>;
      }
    });

    ctx.guard((call) => {
      if (BACKUP_METHODS.has(call.method) || !ctx.resolve(BACKUP_SERVICE).restoring())
        return undefined;
      return backupError(
        'BACKUP_RESTORING',
        `${call.method} waits until the restore in progress is complete`,
        {
          expected: 'backup_import_commit to swap the restored stores in, or backup_import_abort',
          found: 'a restore being committed',
        },
      );
    });

    // A change is a successful update that wrote a store: reads and feed polls through
    // http_request_update write nothing and do not count.
    let writesBefore = 0;
    ctx.intercept({
      before() {
        writesBefore = storeWrites();
      },
      after(call, outcome) {
        const wrote = storeWrites() !== writesBefore;
        if (call.mode !== 'update' || !outcome.ok || !wrote || BACKUP_METHODS.has(call.method)) {
          return;
        }
        const notify = state.read().notify;
        // Reported from a timer: an interceptor never awaits.
        if (state.countWrite() && notify !== undefined) {
          ctx.platform.setTimer(0, () => tellBackupService(notify, 'backup_due'));
        }
      },
    });

    ctx.healthCheck('last-backup', () => {
      const age = state.ageSeconds();
      if (age === undefined) {
        const changes = state.changesSinceBackup();
        return { healthy: changes === 0n, detail: `no backup yet; ${changes} writes since start` };
      }
      return {
        healthy: age <= options.maxAgeSeconds,
        detail: `last backup ${age}s ago (limit ${options.maxAgeSeconds}s)`,
      };
    });

    // A one-way notice: nothing waits on the backup service's answer.
    const tellBackupService = (canister: string, method: string) =>
      ctx.platform
        .call(Principal.fromText(canister), method, {
          paramIdlTypes: [IDL.Principal],
          args: [ctx.platform.selfId()],
        })
        .then(
          () => undefined,
          () => undefined,
        );

    const { scheduleSeconds, notify } = options;
    if (scheduleSeconds !== undefined) {
      ctx.timer({
        name: 'backup-due-check',
        everySeconds: scheduleSeconds,
        async run() {
          if (notify === undefined || !state.due().due) return;
          await tellBackupService(notify.canister, notify.method);
        },
      });
    }
  },
});
