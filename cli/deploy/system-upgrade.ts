import type { HttpAgent } from '@dfinity/agent';

import { backupBeforeUpgradeHook } from './backup-before-upgrade.ts';
import type { PlannedCanister } from './deploy-plan.ts';
import type { UpgradeModule } from './install-module.ts';
import { safeUpgrade } from './safe-upgrade.ts';
import { smokeQueryFor } from './smoke-queries.ts';

/**
 * How every deploy path (`deploy`, `start`) upgrades a canister whose module changed: the
 * safe-upgrade runbook, with a backup by the backup canister when the deployment has one and the
 * type's smoke query.
 */
export function safeUpgradeFor(
  agent: HttpAgent,
  canisterIdsFile: string,
  network: string,
  log: (line: string) => void,
): (canister: PlannedCanister) => UpgradeModule {
  return (canister) =>
    safeUpgrade({
      backup: backupBeforeUpgradeHook(agent, canisterIdsFile, network),
      smokeQuery: smokeQueryFor(agent, canister.type),
      log,
    });
}
