import { metrics } from './plugin.ts';

export type { MetricsOptions } from './plugin.ts';
export { HTTP_ROUTES, HttpRoutes, textResponse } from './http-routes.ts';
export type {
  HttpRequest,
  HttpResponse,
  HttpRouteHandler,
  HttpUpdateRequest,
  RoutePath,
} from './http-routes.ts';
export type { MetricsSnapshot } from './metrics-snapshot.ts';
export { METRICS_ERROR_CODES } from './errors.ts';
export type { MetricsErrorCode } from './errors.ts';
export default metrics;
