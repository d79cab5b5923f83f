import type { Identity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import { createCalendarAgent, IC_HOST } from './calendar-agent.ts';
import { CalendarSourceError } from './calendar-source.ts';
import {
  type CanisterConnection,
  type CanisterConnectionOptions,
  connectCalendarCanister,
} from './canister-connection.ts';
import { createActor } from './generated/load-balancer-bindings.ts';

export interface ShardRouteOptions {
  /** The load balancer canister (a directory: asked once, then the shard is called directly). */
  loadBalancerId: string;
  host?: string;
  /** Signed-in users are pinned (`assign_me`) the first time; visitors only ask (`route`). */
  identity?: Identity | null;
  /** Where resolved shards are kept between page loads; default: this page's memory only. */
  cache?: Pick<Storage, 'getItem' | 'setItem'>;
}

const memory = new Map<string, string>();
const memoryCache = {
  getItem: (key: string) => memory.get(key) ?? null,
  setItem: (key: string, value: string) => void memory.set(key, value),
};

/**
 * The calendar shard that serves this user: the cached answer, else the load balancer's `route`
 * (a query), and on a signed-in user's first visit `assign_me` (one update that pins them).
 */
export async function resolveShard(options: ShardRouteOptions): Promise<string> {
  const host = options.host || IC_HOST;
  const cache = options.cache ?? memoryCache;
  const principal = options.identity?.getPrincipal().toText() ?? 'anonymous';
  const key = `icp-calendar:shard:${options.loadBalancerId}:${principal}`;
  const cached = cache.getItem(key);
  if (cached !== null) return cached;
  const lb = createActor(options.loadBalancerId, await createCalendarAgent(host, options.identity));
  let reply = await lb.route(options.identity?.getPrincipal() ?? Principal.anonymous());
  if ('Ok' in reply && !reply.Ok.placed && options.identity) reply = await lb.assign_me();
  if ('Err' in reply) throw new CalendarSourceError(reply.Err);
  const shard = reply.Ok.canister.toText();
  // Only a pinned answer is kept: a visitor's shard may change with the next placement.
  if (reply.Ok.placed) cache.setItem(key, shard);
  return shard;
}

/** A CanisterConnection to the user's shard, found through the load balancer. */
export async function connectThroughLoadBalancer(
  options: Omit<CanisterConnectionOptions, 'canisterId'> & ShardRouteOptions,
): Promise<CanisterConnection> {
  const canisterId = await resolveShard(options);
  return connectCalendarCanister({ ...options, canisterId });
}
