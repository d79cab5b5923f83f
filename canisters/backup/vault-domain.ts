import { definePlugin } from '../../core/index.ts';
import { ChunkVault } from './chunk-vault.ts';
import { ProtectedCalls } from './protected-calls.ts';
import { ExportPuller } from './pull-export.ts';
import { SnapshotTaker } from './snapshot-taker.ts';
import { RecoveryEndpoints } from './recovery-endpoints.ts';
import { setupRecovery } from './recovery-wiring.ts';
import { alertOnVaultTrouble } from './vault-alerts.ts';
import { VaultEndpoints } from './vault-endpoints.ts';
import type { BackupVersion, CanisterStats, ProtectedCanister } from './vault-model.ts';
import { VaultService } from './vault-service.ts';
import { CHUNK_VAULT, VAULT } from './vault-token.ts';
import { backupIsFresh } from './vault-views.ts';
import { VersionBook } from './version-book.ts';

/** How often the scheduler looks at each protected canister (its policy decides whether to pull). */
export const SCHEDULER_TICK_SECONDS = 60;

/** The backup canister's stores, services, timers, health check and endpoints. */
export const vaultDomain = definePlugin({
  name: 'vault',
  dependsOn: ['auth'],
  endpoints: [VaultEndpoints, RecoveryEndpoints],
  setup(ctx) {
    const targets = ctx.store<ProtectedCanister>({ name: 'protected' });
    const versionStore = ctx.store<BackupVersion>({
      name: 'versions',
      indexes: { canister: (v) => v.canister },
    });
    const meta = ctx.store<bigint>({ name: 'meta' });
    const versions = new VersionBook(
      versionStore,
      meta,
      ctx.store<CanisterStats>({ name: 'stats' }),
    );
    // Raw chunk bytes: a store for its memory id only; values are never decoded.
    const chunkStore = ctx.store<never>({ name: 'chunks' });
    const chunks = new ChunkVault(() => chunkStore.raw());
    const calls = new ProtectedCalls(ctx.platform);
    const puller = new ExportPuller(ctx.platform, calls, versions, chunks, targets, (canister) =>
      vault.applyRetention(canister),
    );
    const snapshots = new SnapshotTaker(ctx.platform, versions, targets);
    const vault: VaultService = new VaultService(
      ctx.platform,
      calls,
      targets,
      versions,
      chunks,
      puller,
      snapshots,
    );
    ctx.provide(VAULT, vault);
    ctx.provide(CHUNK_VAULT, chunks);

    const resumeRecoveries = setupRecovery(ctx, { calls, versions, chunks, targets, meta });
    alertOnVaultTrouble(ctx);

    ctx.timer({
      name: 'backup-scheduler',
      everySeconds: SCHEDULER_TICK_SECONDS,
      async run() {
        await vault.tick();
        await resumeRecoveries();
      },
    });

    ctx.healthCheck('backups-fresh', () => {
      const now = ctx.platform.time();
      const stale = vault
        .list()
        .filter((target) => !backupIsFresh(target, versions.statsOf(target.canister), now));
      return {
        healthy: stale.length === 0,
        detail:
          stale.length === 0
            ? `${vault.list().length} protected canisters backed up within their policy`
            : `no good backup within policy: ${stale.map((t) => `${t.kind} ${t.canister}`).join(', ')}`,
      };
    });
  },
});
