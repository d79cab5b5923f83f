import { ADMIN_CHECK, definePlugin, isCanisterError, MonitorAccess } from '../../core/index.ts';
import { BACKUP_STATUS } from '../backup/index.ts';
import { CallMetrics } from './call-metrics.ts';
import { HTTP_ROUTES, HttpRoutes, textResponse } from './http-routes.ts';
import { METRICS_SERVICE, MetricsEndpoints } from './metrics-endpoints.ts';
import { MetricsService } from './metrics-service.ts';

import { renderPrometheus } from './prometheus-text.ts';

/** The options of canister.yaml `plugins.metrics` (see options.schema.json). */
export interface MetricsOptions {
  monitors?: string[];
  instructionBuckets?: number[];
  path?: string;
}

/** Reads the error code of a failed call; anything that is not a CanisterError is a trap. */
function errorCode(error: unknown): string {
  return isCanisterError(error) ? error.code : 'TRAP';
}

/**
 * Metrics: per-method calls, errors by code and instructions (count, sum, max,
 * histogram); cycles, version and backup figures. Served by get_metrics and
 * as Prometheus text at /metrics through http_request.
 */
export const metrics = definePlugin<MetricsOptions>({
  name: 'metrics',
  endpoints: [MetricsEndpoints],
  setup(ctx) {
    const calls = new CallMetrics(ctx.options.instructionBuckets);
    const access = new MonitorAccess(ctx.platform, ctx.options.monitors ?? [], () =>
      ctx.resolveOptional(ADMIN_CHECK),
    );
    const service = new MetricsService(ctx.canisterName, ctx.platform, calls, access, () =>
      ctx.resolveOptional(BACKUP_STATUS),
    );
    const routes = new HttpRoutes();
    ctx.provide(METRICS_SERVICE, service);
    ctx.provide(HTTP_ROUTES, routes);

    routes.add('GET', ctx.options.path ?? '/metrics', (_request, caller) =>
      access.admits(caller)
        ? textResponse(
            200,
            renderPrometheus(service.snapshot()),
            'text/plain; version=0.0.4; charset=utf-8',
          )
        : textResponse(
            403,
            'METRICS_FORBIDDEN: metrics are for controllers, admins and monitors\n',
          ),
    );

    const start = () => (service.startedAt = ctx.platform.time());
    ctx.onInit(start);
    ctx.onPostUpgrade(start);
    ctx.intercept({
      after(call, outcome) {
        const instructions = ctx.platform.performanceCounter(1);
        calls.record(
          call.method,
          call.mode,
          instructions,
          outcome.ok ? undefined : errorCode(outcome.error),
        );
      },
    });
  },
});
