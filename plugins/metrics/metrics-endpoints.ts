import { allow, caller, inject, limits, query, Result, token, update } from '../../core/index.ts';
import {
  HttpRequestIdl,
  HttpResponseIdl,
  HttpUpdateRequestIdl,
  MetricsSnapshotIdl,
} from './candid.ts';
import {
  HTTP_ROUTES,
  type HttpRequest,
  type HttpResponse,
  type HttpUpdateRequest,
} from './http-routes.ts';
import type { MetricsService } from './metrics-service.ts';
import type { MetricsSnapshot } from './metrics-snapshot.ts';

export const METRICS_SERVICE = token<MetricsService>('metrics/service');

/**
 * A gateway's request is a URL, headers and (for feeds and metrics) no body: 16 KiB is ample, and
 * a bigger argument, where the limits plugin is on, is refused before it is read (a 200 kB body
 * once cost a calendar 5 B instructions).
 */
export const HTTP_ARG_LIMIT = 16 * 1024;

export class MetricsEndpoints {
  private readonly metrics = inject(METRICS_SERVICE);
  private readonly routes = inject(HTTP_ROUTES);

  /** Every figure, for controllers, admins and monitors. */
  @query([], Result(MetricsSnapshotIdl))
  @allow('user')
  get_metrics(): MetricsSnapshot {
    this.metrics.assertMonitor(caller());
    return this.metrics.snapshot();
  }

  /**
   * The IC HTTP interface. Public because the gateway calls it anonymously;
   * each route decides who it answers (/metrics: monitors only, else 403).
   */
  @query([HttpRequestIdl], HttpResponseIdl)
  @allow('public')
  @limits({ maxArgBytes: HTTP_ARG_LIMIT })
  http_request(request: HttpRequest): HttpResponse {
    return this.routes.handle(request, caller());
  }

  /** Answers the routes whose response must be certified (http_request asked the gateway to upgrade). */
  @update([HttpUpdateRequestIdl], HttpResponseIdl)
  @allow('public')
  @limits({ maxArgBytes: HTTP_ARG_LIMIT })
  http_request_update(request: HttpUpdateRequest): HttpResponse {
    return this.routes.handleUpdate(request, caller());
  }
}
