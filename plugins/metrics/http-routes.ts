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

/** Answers one route; `caller` is the query's caller (anonymous through the public gateway). */
export type HttpRouteHandler = (request: HttpRequest, caller: Principal) => HttpResponse;

/**
 * The routes http_request serves. Any plugin may add a route through the
 * HTTP_ROUTES token (it needs the metrics plugin to be present, which owns the
 * one http_request method a canister can have).
 */
export class HttpRoutes {
  private readonly routes = new Map<string, HttpRouteHandler>();

  add(method: string, path: string, handler: HttpRouteHandler): void {
    const key = `${method.toUpperCase()} ${path}`;
    if (this.routes.has(key)) throw new Error(`HTTP route ${key} is registered twice`);
    this.routes.set(key, handler);
  }

  handle(request: HttpRequest, caller: Principal): HttpResponse {
    const path = request.url.split('?')[0]!;
    const handler = this.routes.get(`${request.method.toUpperCase()} ${path}`);
    return handler === undefined
      ? textResponse(404, `no route for ${request.method} ${path}\n`)
      : handler(request, caller);
  }
}

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
