import type { HealthRegistry, Platform } from '../../core/index.ts';

export type OverallStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface CheckResult {
  plugin: string;
  name: string;
  healthy: boolean;
  critical: boolean;
  detail: string;
}

export interface HealthSummary {
  status: OverallStatus;
  checks: CheckResult[];
}

/** Runs every registered check and folds them: a failing critical check → unhealthy, any other → degraded. */
export function summarize(registry: HealthRegistry, critical: ReadonlySet<string>): HealthSummary {
  const checks = registry.runAll().map(({ plugin, name, report }) => ({
    plugin,
    name,
    healthy: report.healthy,
    critical: critical.has(name),
    detail: report.detail ?? '',
  }));
  const failing = checks.filter((c) => !c.healthy);
  const status: OverallStatus = failing.some((c) => c.critical)
    ? 'unhealthy'
    : failing.length > 0
      ? 'degraded'
      : 'healthy';
  return { status, checks };
}

export function versionInfo(platform: Platform, canister: string, build: string) {
  return { canister, canister_version: platform.canisterVersion(), build };
}
