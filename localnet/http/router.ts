import { Principal } from '@dfinity/principal';
import { badRequest } from './http-problem.ts';

/** What a request to the server is for. */
export type Route =
  | { readonly kind: 'status' }
  | { readonly kind: 'query' | 'read-state' | 'async-call' | 'sync-call'; readonly id: Principal }
  | { readonly kind: 'subnet-read-state'; readonly id: Principal }
  | { readonly kind: 'unsupported-api'; readonly path: string }
  | { readonly kind: 'gateway'; readonly canisterId: Principal }
  | { readonly kind: 'not-found' };

const API = /^\/api\/(v\d+)\/(canister|subnet)\/([^/]+)\/(call|query|read_state)$/;

/** Which (version, target, verb) combinations exist; anything else under /api is "not supported". */
const API_KINDS: Record<string, Route['kind']> = {
  'v2 canister query': 'query',
  'v3 canister query': 'query',
  'v2 canister read_state': 'read-state',
  'v3 canister read_state': 'read-state',
  'v2 subnet read_state': 'subnet-read-state',
  'v3 subnet read_state': 'subnet-read-state',
  'v2 canister call': 'async-call',
  'v3 canister call': 'sync-call',
  'v4 canister call': 'sync-call',
};

/** `/api/…` is the IC interface on every host (pages served from a canister host call it too). */
export function route(method: string, url: URL, host: string | undefined): Route {
  const path = url.pathname;
  if (path === '/api/v2/status' && (method === 'GET' || method === 'HEAD'))
    return { kind: 'status' };
  if (path.startsWith('/api/')) {
    const match = API.exec(path);
    const kind =
      match && method === 'POST' ? API_KINDS[`${match[1]} ${match[2]} ${match[4]}`] : undefined;
    if (!match || !kind) return { kind: 'unsupported-api', path };
    return { kind, id: principalFromUrl(match[3]) } as Route;
  }
  const hostCanister = canisterFromHost(host);
  if (hostCanister) return { kind: 'gateway', canisterId: hostCanister };
  const parameter = url.searchParams.get('canisterId');
  if (parameter) return { kind: 'gateway', canisterId: principalFromUrl(parameter) };
  return { kind: 'not-found' };
}

/** `<canister-id>.localhost[:port]` and `<canister-id>.raw.localhost[:port]`. */
function canisterFromHost(host: string | undefined): Principal | undefined {
  const name = host?.replace(/:\d+$/, '').toLowerCase();
  const match = name && /^([a-z0-9-]+)(\.raw)?\.localhost$/.exec(name);
  if (!match) return undefined;
  try {
    return Principal.fromText(match[1]);
  } catch {
    return undefined;
  }
}

function principalFromUrl(text: string): Principal {
  try {
    return Principal.fromText(decodeURIComponent(text));
  } catch {
    throw badRequest(
      'LOCALNET_HTTP_BAD_PRINCIPAL',
      `"${text}" in the URL is not a textual principal id`,
    );
  }
}
