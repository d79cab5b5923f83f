import type { AdminCheck, Platform, Principal } from '../../core/index.ts';

/** Who sees the checks' details: controllers, admins (ADMIN_CHECK, when provided) and monitors. */
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
