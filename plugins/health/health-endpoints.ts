import { allow, caller, inject, platform, query, token } from '../../core/index.ts';
import { HealthReplyIdl } from './candid.ts';
import type { CheckResult, HealthSummary, OverallStatus } from './health-service.ts';

export interface HealthReader {
  summary(): HealthSummary;
  admits(principal: ReturnType<typeof caller>): boolean;
  version(): { canister: string; canister_version: bigint; build: string };
}

export const HEALTH_READER = token<HealthReader>('health/reader');

export interface HealthReply {
  status: { [K in OverallStatus]?: null };
  time: bigint;
  version: { canister: string; canister_version: bigint; build: string };
  checks: [] | [CheckResult[]];
}

export class HealthEndpoints {
  private readonly health = inject(HEALTH_READER);

  /** Anyone may ask whether the canister is healthy; the checks' figures are for monitors. */
  @query([], HealthReplyIdl)
  @allow('public')
  health_check(): HealthReply {
    const { status, checks } = this.health.summary();
    return {
      status: { [status]: null },
      time: platform().time(),
      version: this.health.version(),
      checks: this.health.admits(caller()) ? [checks] : [],
    };
  }
}
