import type { Platform } from '../platform/platform.ts';
import type { AdminCheck } from '../tokens.ts';
import type { Principal } from '@dfinity/principal';

/**
 * Who may read a canister's operational figures (metrics, detailed health):
 * controllers, admins (ADMIN_CHECK, when a plugin provides it) and the
 * principals a plugin's options name as monitors. Never anonymous.
 */
export class MonitorAccess {
  private readonly monitors: ReadonlySet<string>;

  constructor(
    private readonly platform: Platform,
    monitors: readonly string[],
    private readonly adminCheck: () => AdminCheck | undefined,
  ) {
    this.monitors = new Set(monitors);
  }

  admits(caller: Principal): boolean {
    if (caller.isAnonymous()) return false;
    if (this.platform.isController(caller) || this.monitors.has(caller.toText())) return true;
    return this.adminCheck()?.isAdmin(caller) ?? false;
  }
}
