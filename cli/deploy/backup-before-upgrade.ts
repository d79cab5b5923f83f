import type { HttpAgent } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';

import { backupCanisterActor } from './backup-wiring.ts';
import { readCanisterIds } from './canister-ids-file.ts';
import { backupBeforeUpgrade } from './protect-with-backup.ts';

/** The backup canister's name in canister_ids.json (its type in config/system.yaml). */
const BACKUP_NAME = 'backup';

/**
 * Safe upgrade's first step when the deployment has a backup canister: `backup_now` of the
 * canister about to be upgraded. A refusal is reported and the upgrade goes on, protected by the
 * IC snapshot taken next (a canister the backup canister does not protect yet, or the backup
 * canister itself, has no backup to take).
 */
export function backupBeforeUpgradeHook(
  agent: HttpAgent,
  canisterIdsFile: string,
  network: string,
): (canisterId: Principal) => Promise<string> {
  return async (canisterId) => {
    const backupId = (await readCanisterIds(canisterIdsFile))[BACKUP_NAME]?.[network];
    if (backupId === undefined) return 'no backup canister deployed; the IC snapshot is the copy';
    if (backupId === canisterId.toText()) return 'the backup canister itself: snapshot only';
    try {
      const version = await backupBeforeUpgrade(backupCanisterActor(agent, backupId), canisterId);
      return `backup version ${version} in ${backupId}`;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return `backup skipped (${reason}); the IC snapshot is the copy`;
    }
  };
}
