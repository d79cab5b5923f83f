import type { MonitorAccess, Platform, Principal } from '../../core/index.ts';
import type { BackupStatus } from '../backup/index.ts';
import type { CallMetrics } from './call-metrics.ts';
import { metricsError } from './errors.ts';
import { type MetricsSnapshot, takeSnapshot } from './metrics-snapshot.ts';

/** Reads the figures for callers the monitor access admits. */
export class MetricsService {
  startedAt = 0n;

  constructor(
    private readonly canister: string,
    private readonly platform: Platform,
    readonly calls: CallMetrics,
    readonly access: MonitorAccess,
    private readonly backup: () => BackupStatus | undefined,
  ) {}

  assertMonitor(caller: Principal): void {
    if (this.access.admits(caller)) return;
    throw metricsError('METRICS_FORBIDDEN', 'metrics are for controllers, admins and monitors', {
      expected: 'a controller, an admin or one of plugins.metrics.monitors',
      found: caller.toText(),
    });
  }

  snapshot(): MetricsSnapshot {
    const backup = this.backup();
    return takeSnapshot({
      canister: this.canister,
      startedAt: this.startedAt,
      platform: this.platform,
      calls: this.calls,
      ...(backup !== undefined ? { backup } : {}),
    });
  }
}
