import type { HttpAgent } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';

import { readHealth, type HealthSummary } from '../status/collect-status.ts';
import { readCanisterState, writeModule, type UpgradeModule } from './install-module.ts';
import { managementActor, type Snapshot } from './management-actor.ts';

/** The IC keeps at most this many snapshots per canister; the oldest is replaced past it. */
const MAX_SNAPSHOTS = 10;

export interface SafeUpgradeHooks {
  /**
   * Asks the backup canister for a backup of `canisterId` before the upgrade and returns a line
   * for the report; absent while no backup canister is deployed (the IC snapshot is then the
   * only copy). The backup canister's deploy step provides it.
   */
  backup?: (canisterId: Principal) => Promise<string>;
  /** A cheap query that must answer after the upgrade (e.g. the registry's list_groups). */
  smokeQuery?: (canisterId: Principal) => Promise<void>;
  log?: (line: string) => void;
}

export class UpgradeRolledBackError extends Error {
  constructor(
    readonly canisterId: string,
    readonly reason: string,
    readonly restoredModuleHash: string | undefined,
  ) {
    super(
      `DEPLOY_UPGRADE_ROLLED_BACK: upgrade of ${canisterId} failed (${reason}); the snapshot taken ` +
        `before it was loaded and module ${restoredModuleHash?.slice(0, 12) ?? 'none'} runs again`,
    );
  }
}

/**
 * The project's upgrade runbook, for every upgrade: backup (backup canister when deployed) and an
 * IC snapshot of the stopped canister; upgrade; start; the canister's health_check must say
 * healthy and the smoke query must answer; otherwise load the snapshot (module, memories and
 * certified data as they were), check the old module runs again, and report.
 */
export function safeUpgrade(hooks: SafeUpgradeHooks = {}): UpgradeModule {
  const log = hooks.log ?? (() => undefined);
  return async (agent, canisterId, wasm, arg) => {
    const id = canisterId.toText();
    const management = managementActor(agent, canisterId);
    const before = (await readCanisterState(agent, canisterId)).moduleHash;
    const healthBefore = await readHealth(agent, canisterId).catch(() => undefined);
    if (hooks.backup) log(`upgrade ${id}: ${await hooks.backup(canisterId)}`);
    await management.stop_canister({ canister_id: canisterId });
    let snapshot: Snapshot;
    try {
      snapshot = await takeSnapshot(agent, canisterId);
    } catch (error) {
      await management.start_canister({ canister_id: canisterId });
      throw error;
    }
    log(`upgrade ${id}: snapshot ${Buffer.from(snapshot.id).toString('hex')} taken`);
    const failure = await upgradeAndCheck(agent, canisterId, wasm, arg, hooks, healthBefore);
    if (failure === undefined) return;
    log(`upgrade ${id}: FAILED (${failure}); rolling back`);
    await management.stop_canister({ canister_id: canisterId });
    await management.load_canister_snapshot({
      canister_id: canisterId,
      snapshot_id: snapshot.id,
      sender_canister_version: [],
    });
    await management.start_canister({ canister_id: canisterId });
    const restored = (await readCanisterState(agent, canisterId)).moduleHash;
    if (restored !== before) {
      throw new Error(
        `DEPLOY_ROLLBACK_INCOMPLETE: ${id} runs module ${restored} after loading the snapshot; expected ${before}`,
      );
    }
    throw new UpgradeRolledBackError(id, failure, restored);
  };
}

/** Runs the upgrade and the checks; the reason it failed, or undefined when all is well. */
async function upgradeAndCheck(
  agent: HttpAgent,
  canisterId: Principal,
  wasm: Uint8Array,
  arg: Uint8Array,
  hooks: SafeUpgradeHooks,
  healthBefore: HealthSummary | undefined,
): Promise<string | undefined> {
  const management = managementActor(agent, canisterId);
  try {
    await writeModule(agent, canisterId, wasm, arg, { upgrade: [] });
  } catch (error) {
    return `install_code refused: ${firstLine(error)}`;
  } finally {
    await management.start_canister({ canister_id: canisterId });
  }
  try {
    const health = await readHealth(agent, canisterId);
    const worse = health && healthGotWorse(healthBefore, health);
    if (health && worse) {
      const failing = health.failing.length > 0 ? ` (failing: ${health.failing.join(', ')})` : '';
      return `health_check says ${health.status}${failing}${worse === 'new' ? '' : ` (${worse})`}`;
    }
    await hooks.smokeQuery?.(canisterId);
  } catch (error) {
    return `check after upgrade failed: ${firstLine(error)}`;
  }
  return undefined;
}

const RANK = { healthy: 0, degraded: 1, unhealthy: 2 } as const;

/**
 * Whether the new version is less healthy than the old one was: unhealthy, a worse status, or a
 * check failing that did not fail before. A system without its backup canister yet is degraded
 * (last-backup) before and after, and that alone is no reason to roll back.
 */
function healthGotWorse(before: HealthSummary | undefined, after: HealthSummary): string | false {
  if (after.status === 'unhealthy') return 'new';
  if (before === undefined) return after.status === 'healthy' ? false : 'new';
  if (RANK[after.status] > RANK[before.status]) return `was ${before.status}`;
  const newlyFailing = after.failing.filter((check) => !before.failing.includes(check));
  return newlyFailing.length > 0 ? `newly failing: ${newlyFailing.join(', ')}` : false;
}

async function takeSnapshot(agent: HttpAgent, canisterId: Principal): Promise<Snapshot> {
  const management = managementActor(agent, canisterId);
  const existing = await management.list_canister_snapshots({ canister_id: canisterId });
  const oldest = [...existing].sort((a, b) =>
    a.taken_at_timestamp < b.taken_at_timestamp ? -1 : 1,
  )[0];
  return management.take_canister_snapshot({
    canister_id: canisterId,
    replace_snapshot: existing.length >= MAX_SNAPSHOTS && oldest ? [oldest.id] : [],
  });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
