import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '@dfinity/principal';
import type { NetworkBackend } from './backend.ts';
import { CertificationRounds } from './certification/certification-rounds.ts';
import { Certifier } from './certification/certifier.ts';
import { handleGatewayRequest } from './gateway/http-gateway.ts';
import { HttpProblem } from './http-problem.ts';
import { LoadLimit } from './load-limit.ts';
import { readBody } from './request-body.ts';
import { deriveNetworkIdentity, generateNetworkKeys, type NetworkKeys } from './keys.ts';
import { RequestStatusStore } from './request-status-store.ts';
import { route, type Route } from './router.ts';
import { handleAsyncCall, handleSyncCall } from './routes/call.ts';
import { handleQuery } from './routes/query.ts';
import { handleCanisterReadState, handleSubnetReadState } from './routes/read-state.ts';
import { handleStatus } from './routes/status.ts';
import type { HttpReply, ServerContext } from './server-context.ts';
import { wallClockNs } from './wall-clock.ts';

export interface HttpServerOptions {
  readonly backend: NetworkBackend;
  /** Default 4943 (as dfx); 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The network's keys; generated when absent (then certificates change on every start). */
  readonly keys?: NetworkKeys;
  /**
   * What `/time` certifies. 'wall-clock' (default) keeps agents' ±5 min freshness checks
   * passing whatever tests do to the backend's clock; 'network' certifies `backend.timeNs()`.
   */
  readonly timeSource?: 'wall-clock' | 'network';
  /** How long a call may run before the server answers 202 (default 10 s). */
  readonly syncCallTimeoutMs?: number;
  /** False makes v3/v4 `call` answer 404 so agents fall back to v2 and polling (for tests). */
  readonly syncCallSupported?: boolean;
  /** Largest request body accepted (default 3 MiB; the IC's ingress limit is 2 MiB of payload). */
  readonly maxBodyBytes?: number;
  /** IC-interface requests in flight before new ones get 429 / 503 (default 1,000). */
  readonly maxConcurrentRequests?: number;
  /** Request statuses to start with (restored from disk by a durable network); default empty. */
  readonly statuses?: RequestStatusStore;
}

export interface LocalnetHttpServer {
  /** e.g. `http://127.0.0.1:4943`. */
  readonly url: string;
  readonly port: number;
  readonly keys: NetworkKeys;
  /** DER root key, for agents given `rootKey` instead of fetching it. */
  readonly rootKeyDer: Uint8Array;
  readonly certifier: Certifier;
  readonly rounds: CertificationRounds;
  /**
   * The certificate a non-replicated query reads through `ic0.data_certificate_copy`: the
   * latest certification round's, pruned to the canister's certified data.
   */
  dataCertificate(canisterId: Principal, certifiedData: Uint8Array): Uint8Array;
  close(): Promise<void>;
}

const CORS_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['access-control-allow-origin', '*'],
  ['access-control-allow-methods', 'GET, POST, HEAD, OPTIONS'],
  ['access-control-allow-headers', 'Content-Type, Authorization'],
  ['access-control-max-age', '86400'],
];

export async function createHttpServer(options: HttpServerOptions): Promise<LocalnetHttpServer> {
  const keys = options.keys ?? generateNetworkKeys();
  const certifier = new Certifier(keys, deriveNetworkIdentity(keys));
  const { backend } = options;
  const statuses = options.statuses ?? new RequestStatusStore();
  const networkTime = options.timeSource === 'network';
  const nowNs = networkTime ? () => backend.timeNs() : wallClockNs;
  const ctx: ServerContext = {
    backend,
    certifier,
    statuses,
    rounds: new CertificationRounds(certifier, backend, statuses, nowNs, networkTime),
    nodeSecretKey: keys.nodeSecretKey,
    nowNs,
    syncCallTimeoutMs: options.syncCallTimeoutMs ?? 10_000,
    syncCallSupported: options.syncCallSupported ?? true,
    implVersion: 'icp-calendar-localnet-0.1.0',
  };
  const maxBodyBytes = options.maxBodyBytes ?? 3 * 1024 * 1024;
  const limit = new LoadLimit(options.maxConcurrentRequests ?? 1000);
  const server = createServer((req, res) => {
    void serve(ctx, req, res, { maxBodyBytes, limit });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4943, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    keys,
    rootKeyDer: certifier.identity.rootKeyDer,
    certifier,
    rounds: ctx.rounds,
    dataCertificate: (canisterId, certifiedData) =>
      ctx.rounds.dataCertificate(canisterId, certifiedData),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  limits: { maxBodyBytes: number; limit: LoadLimit },
) {
  let reply: HttpReply;
  try {
    reply = await answer(ctx, req, limits);
  } catch (error) {
    reply =
      error instanceof HttpProblem
        ? {
            status: error.status,
            contentType: 'text/plain; charset=utf-8',
            body: error.body,
            headers: error.headers,
          }
        : {
            status: 500,
            contentType: 'text/plain; charset=utf-8',
            body: `Internal error in localnet: ${error instanceof Error ? error.message : String(error)}\n[LOCALNET_HTTP_INTERNAL]\n`,
          };
  }
  try {
    send(res, reply, req.method === 'HEAD');
  } catch (error) {
    // e.g. a canister's http_request answered a header Node refuses to send.
    if (res.headersSent) return void res.destroy();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    send(
      res,
      {
        status: 502,
        contentType: 'text/plain; charset=utf-8',
        body: `Could not send the response: ${error instanceof Error ? error.message : String(error)}\n[LOCALNET_HTTP_BAD_RESPONSE]\n`,
      },
      false,
    );
  }
}

async function answer(
  ctx: ServerContext,
  req: IncomingMessage,
  { maxBodyBytes, limit }: { maxBodyBytes: number; limit: LoadLimit },
): Promise<HttpReply> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return preflight(req);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const target: Route = route(method, url, req.headers.host);
  if (target.kind === 'status' || target.kind === 'unsupported-api' || target.kind === 'not-found')
    return dispatch(ctx, req, target, maxBodyBytes);
  const isCall = target.kind === 'async-call' || target.kind === 'sync-call';
  try {
    return await limit.run(isCall, () => dispatch(ctx, req, target, maxBodyBytes));
  } catch (error) {
    if (error instanceof HttpProblem && error.code === 'LOCALNET_HTTP_OVERLOADED') req.resume();
    throw error;
  }
}

async function dispatch(
  ctx: ServerContext,
  req: IncomingMessage,
  target: Route,
  maxBodyBytes: number,
): Promise<HttpReply> {
  const method = req.method ?? 'GET';
  switch (target.kind) {
    case 'status':
      return handleStatus(ctx);
    case 'query':
      return handleQuery(ctx, target.id, await readBody(req, maxBodyBytes));
    case 'read-state':
      return await handleCanisterReadState(ctx, target.id, await readBody(req, maxBodyBytes));
    case 'subnet-read-state':
      return await handleSubnetReadState(ctx, target.id, await readBody(req, maxBodyBytes));
    case 'async-call':
      return handleAsyncCall(ctx, target.id, await readBody(req, maxBodyBytes));
    case 'sync-call':
      if (!ctx.syncCallSupported)
        return notFound('endpoint not supported: synchronous calls are turned off');
      return handleSyncCall(ctx, target.id, await readBody(req, maxBodyBytes));
    case 'unsupported-api':
      return notFound(`endpoint not supported: ${method} ${target.path}`);
    case 'gateway':
      return handleGatewayRequest(ctx, {
        canisterId: target.canisterId,
        method,
        url: req.url ?? '/',
        headers: headerPairs(req),
        body: await readBody(req, maxBodyBytes),
      });
    case 'not-found':
      return notFound(
        'Nothing here. Canister pages are served at http://<canister-id>.localhost:<port>/ or /?canisterId=<canister-id>',
      );
  }
}

/** Allows whatever a local page asks for, including Chrome's private-network access from public pages. */
function preflight(req: IncomingMessage): HttpReply {
  const headers: Array<[string, string]> = [];
  const requested = req.headers['access-control-request-headers'];
  if (requested) headers.push(['access-control-allow-headers', requested]);
  if (req.headers['access-control-request-private-network'] === 'true') {
    headers.push(['access-control-allow-private-network', 'true']);
  }
  return { status: 204, headers };
}

function notFound(text: string): HttpReply {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: text + '\n' };
}

function headerPairs(req: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return pairs;
}

function send(res: ServerResponse, reply: HttpReply, headOnly: boolean) {
  const own = reply.headers ?? [];
  const ownNames = new Set(own.map(([name]) => name.toLowerCase()));
  // A canister's own CORS headers (gateway) or a preflight's answer win over the open defaults.
  const headers: Array<readonly [string, string]> = CORS_HEADERS.filter(
    ([name]) => !ownNames.has(name),
  );
  if (reply.contentType) headers.push(['content-type', reply.contentType]);
  headers.push(...own);
  const body =
    typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? new Uint8Array());
  headers.push(['content-length', String(body.length)]);
  res.statusCode = reply.status;
  for (const [name, value] of headers) res.appendHeader(name, value);
  res.end(headOnly ? undefined : body);
}
