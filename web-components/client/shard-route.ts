import type { Identity } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import { createCalendarAgent, IC_HOST } from './calendar-agent.ts';
import { CalendarSourceError, type CalendarSource } from './calendar-source.ts';
import {
  type CanisterConnection,
  type CanisterConnectionOptions,
  connectCalendarCanister,
  unavailable,
} from './canister-connection.ts';
import { createActor } from './generated/load-balancer-client-bindings.ts';
import { ShardFollowingSource } from './shard-follow.ts';

export interface ShardRouteOptions {
  /** The load balancer canister (a directory: asked once, then the shard is called directly). */
  loadBalancerId: string;
  /** Resolve the shard of this user (a public calendar's owner) instead of the caller's own. */
  owner?: string;
  host?: string;
  /** Signed-in users are pinned (`assign_me`) the first time; visitors only ask (`route`). */
  identity?: Identity | null;
  /** Where resolved shards are kept between page loads; default: this page's memory only. */
  cache?: ShardCache;
}

export type ShardCache = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const ANONYMOUS = Principal.anonymous().toText();
const memory = new Map<string, string>();
const memoryCache: ShardCache = {
  getItem: (key: string) => memory.get(key) ?? null,
  setItem: (key: string, value: string) => void memory.set(key, value),
  removeItem: (key: string) => void memory.delete(key),
};

function shardKey(options: ShardRouteOptions): string {
  const principal = options.owner ?? options.identity?.getPrincipal().toText() ?? ANONYMOUS;
  return `icp-calendar:shard:${options.loadBalancerId}:${principal}`;
}

/**
 * The calendar shard that serves this user: the cached answer, else the load balancer's `route`
 * (a query), and on a signed-in user's first visit `assign_me` (one update that pins them).
 */
export async function resolveShard(options: ShardRouteOptions): Promise<string> {
  const host = options.host || IC_HOST;
  const cache = options.cache ?? memoryCache;
  const self = options.owner === undefined;
  const principal = options.owner ?? options.identity?.getPrincipal().toText() ?? ANONYMOUS;
  const key = shardKey(options);
  const cached = cache.getItem(key);
  if (cached !== null) return cached;
  const lb = createActor(options.loadBalancerId, await createCalendarAgent(host, options.identity));
  let reply = await lb.route(Principal.fromText(principal));
  if ('Ok' in reply && !reply.Ok.placed && self && options.identity) reply = await lb.assign_me();
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

export type CalendarCanisterOptions = Omit<CanisterConnectionOptions, 'canisterId'> &
  Omit<ShardRouteOptions, 'loadBalancerId' | 'owner'> & { canisterId: string };

function routeOptions(options: CalendarCanisterOptions): ShardRouteOptions {
  const owner = ownerOf(options.calendarIds?.[0]);
  return {
    ...options,
    loadBalancerId: options.canisterId,
    ...(owner === undefined ? {} : { owner }),
  };
}

/**
 * The connection `<icp-calendar canister-id>` uses: resolveCalendarCanister's shard, followed to the
 * new shard when a migration moved the user (CALENDAR_MOVED): the cached shard is dropped, the load
 * balancer's `route` asked again (or, when it still names the stale shard or `canister-id` is a
 * shard itself, the shard the refusal named is taken), and the refused call is made there once.
 */
export async function connectCalendarFollowingMoves(
  options: CalendarCanisterOptions,
  { resolve, connect }: ShardSteps = shippedSteps,
): Promise<ShardFollowingSource> {
  // A visitor on a page without calendar-id reads nothing, so there is no shard to look for.
  const readsNothing = !options.identity && (options.calendarIds ?? []).length === 0;
  let shard = readsNothing ? options.canisterId : await resolve(options);
  const first = await connect({ ...options, canisterId: shard });
  return new ShardFollowingSource(first, async (movedTo) => {
    const stale = shard;
    (options.cache ?? memoryCache).removeItem(shardKey(routeOptions(options)));
    let next = await resolve(options);
    if (next === stale && movedTo !== undefined && isPrincipal(movedTo)) next = movedTo;
    shard = next;
    return connect({ ...options, canisterId: next });
  });
}

/** How connectCalendarFollowingMoves finds a shard and opens it (tests pass fakes). */
export interface ShardSteps {
  resolve(options: CalendarCanisterOptions): Promise<string>;
  connect(options: CanisterConnectionOptions): Promise<CalendarSource>;
}

const shippedSteps: ShardSteps = {
  resolve: resolveCalendarCanister,
  connect: connectCalendarCanister,
};

function isPrincipal(text: string): boolean {
  try {
    return Principal.fromText(text).toText() === text;
  } catch {
    return false;
  }
}

/** Replies of a canister that has no `route` method: `canister-id` names a calendar shard itself. */
const NOT_A_LOAD_BALANCER = /has no query method|IC0302|IC0536|method .*not found/i;

/**
 * The calendar canister behind `<icp-calendar canister-id>`, which may name a shard or the load
 * balancer: the load balancer is asked for the shard of the named calendars' owner (a calendar id
 * starts with it) or, without calendar ids, the signed-in user's own shard (pinned on first sign-in).
 * A canister without `route` is a shard; that answer is cached like a route.
 */
export async function resolveCalendarCanister(options: CalendarCanisterOptions): Promise<string> {
  const cache = options.cache ?? memoryCache;
  const kind = `icp-calendar:kind:${options.canisterId}`;
  if (cache.getItem(kind) === 'shard') return options.canisterId;
  try {
    return await resolveShard(routeOptions(options));
  } catch (error) {
    if (!NOT_A_LOAD_BALANCER.test(error instanceof Error ? error.message : String(error))) {
      throw unavailable(error, options.canisterId, options.host || IC_HOST);
    }
    cache.setItem(kind, 'shard');
    return options.canisterId;
  }
}

/** The owner principal a calendar id `<owner>_c<n>` starts with, if it is one. */
function ownerOf(calendarId: string | undefined): string | undefined {
  const owner = calendarId?.slice(0, Math.max(0, calendarId.lastIndexOf('_c')));
  try {
    return owner ? Principal.fromText(owner).toText() : undefined;
  } catch {
    return undefined;
  }
}
