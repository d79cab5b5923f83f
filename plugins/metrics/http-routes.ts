import type { Principal } from '../../core/index.ts';
import { token } from '../../core/index.ts';

/** The IC HTTP gateway's request, as http_request receives it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array | number[];
  certificate_version: [] | [number];
}

export interface HttpResponse {
  status_code: number;
  headers: [string, string][];
  body: Uint8Array;
  upgrade: [] | [boolean];
}

/** The request http_request_update receives: the same as http_request's, without certificate_version. */
export type HttpUpdateRequest = Omit<HttpRequest, 'certificate_version'>;

/** Answers one route; `caller` is the call's caller (anonymous through the public gateway). */
export type HttpRouteHandler<Request = HttpRequest> = (
  request: Request,
  caller: Principal,
) => HttpResponse;

/** An exact path, or a pattern tested against the path (the URL without its query string). */
export type RoutePath = string | RegExp;

interface Route<Request> {
  methods: string[];
  path: RoutePath;
  handler: HttpRouteHandler<Request>;
  /** For update routes: what the query answers itself instead of an upgrade. */
  refusal?: (request: HttpRequest, caller: Principal) => HttpResponse | undefined;
}

const pathOf = (url: string) => url.split('?')[0]!;
const matches = (route: Pick<Route<never>, 'methods' | 'path'>, method: string, path: string) =>
  route.methods.includes(method.toUpperCase()) &&
  (typeof route.path === 'string' ? route.path === path : route.path.test(path));

/**
 * The routes the canister's http_request serves. A query route answers in the
 * query; an update route's response must be certified, so http_request asks the
 * gateway to upgrade and http_request_update answers it through consensus. Any
 * plugin adds routes through the HTTP_ROUTES token (it lists `metrics` in
 * dependsOn: metrics owns the one http_request a canister can have).
 */
export class HttpRoutes {
  private readonly queries: Route<HttpRequest>[] = [];
  private readonly updates: Route<HttpUpdateRequest>[] = [];

  /** A route answered by the http_request query. */
  add(method: string | string[], path: RoutePath, handler: HttpRouteHandler): void {
    this.queries.push(this.route(method, path, handler));
  }

  /**
   * A route answered by http_request_update (certified by consensus; may change state).
   * `refusal`, run in the http_request query, answers there what can never succeed (a 404),
   * so such requests cost no update; undefined lets the gateway upgrade.
   */
  addUpdate(
    method: string | string[],
    path: RoutePath,
    handler: HttpRouteHandler<HttpUpdateRequest>,
    refusal?: (request: HttpRequest, caller: Principal) => HttpResponse | undefined,
  ): void {
    this.updates.push({ ...this.route(method, path, handler), ...(refusal ? { refusal } : {}) });
  }

  handle(request: HttpRequest, caller: Principal): HttpResponse {
    const path = pathOf(request.url);
    const query = this.queries.find((route) => matches(route, request.method, path));
    if (query) return query.handler(request, caller);
    const update = this.updates.find((route) => matches(route, request.method, path));
    if (update) return update.refusal?.(request, caller) ?? UPGRADE;
    return notFound(request.method, path);
  }

  handleUpdate(request: HttpUpdateRequest, caller: Principal): HttpResponse {
    const path = pathOf(request.url);
    const update = this.updates.find((route) => matches(route, request.method, path));
    return update ? update.handler(request, caller) : notFound(request.method, path);
  }

  private route<Request>(
    method: string | string[],
    path: RoutePath,
    handler: HttpRouteHandler<Request>,
  ): Route<Request> {
    const methods = (Array.isArray(method) ? method : [method]).map((name) => name.toUpperCase());
    for (const existing of [...this.queries, ...this.updates]) {
      const samePath = String(existing.path) === String(path);
      const shared = methods.find((name) => existing.methods.includes(name));
      if (samePath && shared)
        throw new Error(`HTTP route ${shared} ${String(path)} is registered twice`);
    }
    return { methods, path, handler };
  }
}

const UPGRADE: HttpResponse = {
  status_code: 200,
  headers: [],
  body: new Uint8Array(),
  upgrade: [true],
};

const notFound = (method: string, path: string) =>
  textResponse(404, `no route for ${method} ${path}\n`);

export const HTTP_ROUTES = token<HttpRoutes>('metrics/http-routes');

const encoder = new TextEncoder();

export function textResponse(
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): HttpResponse {
  return {
    status_code: status,
    headers: [
      ['content-type', contentType],
      ['cache-control', 'no-store'],
    ],
    body: encoder.encode(text),
    upgrade: [],
  };
}
