import { CALENDAR_LIMITS } from './calendar-model.ts';

export type SubscriptionStatus = 'pending' | 'ok' | 'not_modified' | 'error';

/** What the last refresh changed in the calendar. */
export interface FeedChange {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** VEVENTs of the feed that were refused (their events, if any, are kept as they were) */
  skipped: number;
}

/** One calendar's subscription to an external .ics feed, keyed by the calendar id. */
export interface SubscriptionRecord {
  calendarId: string;
  owner: string;
  url: string;
  createdMs: number;
  /** bumped by every subscribe: the reply to a fetch of an earlier URL is dropped */
  generation: number;
  nextRefreshMs: number;
  /** set while a fetch is in flight; a lost reply frees it after SUBSCRIPTION_LIMITS.leaseMs */
  fetchingSinceMs?: number;
  status: SubscriptionStatus;
  lastRefreshMs?: number;
  lastError?: { code: string; message: string };
  httpStatus?: number;
  /** validators of the last 200 response, sent back as If-None-Match / If-Modified-Since */
  etag?: string;
  lastModified?: string;
  lastChange?: FeedChange;
  /** bytes of the last 200 response's body: the next fetch asks for a limit near it */
  lastBodyBytes?: number;
}

export const SUBSCRIPTION_LIMITS = {
  maxUrlBytes: 2_048,
  /** each subscription costs an outcall per interval, paid by the canister */
  perOwner: 10,
  /** the body may be as long as an import; max_response_bytes adds this much for headers */
  headerAllowanceBytes: 16_384,
  maxBodyChars: CALENDAR_LIMITS.maxIcsBytes,
  /** a fetch whose reply never came is given up after this */
  leaseMs: 10 * 60_000,
  /** refresh_subscription may not be called more often (each fetch is a paid outcall) */
  manualRefreshGapMs: 60_000,
  /** fetches started by one timer run (each reply is its own message) */
  refreshesPerRun: 10,
  defaultRefreshSeconds: 3_600,
  /** how often the timer looks for due subscriptions, at most */
  checkEverySeconds: 60,
} as const;

export const MAX_RESPONSE_BYTES = BigInt(
  SUBSCRIPTION_LIMITS.maxBodyChars + SUBSCRIPTION_LIMITS.headerAllowanceBytes,
);

/** The smallest body limit a fetch asks for, once a feed's size is known. */
const MIN_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * `max_response_bytes` for the next fetch of `record`. The IC prices an outcall by this limit,
 * not by what comes back (800 cycles a byte on a 13-node subnet: ~10.6 B cycles at the full
 * limit), so a feed of known size is asked for with room to double (the power of two at or above
 * twice its last body, at least 64 KiB) plus the header allowance. A feed never fetched, or one
 * that outgrew its limit, is asked for with the full limit.
 */
export function responseLimitFor(record: Pick<SubscriptionRecord, 'lastBodyBytes'>): bigint {
  if (record.lastBodyBytes === undefined) return MAX_RESPONSE_BYTES;
  let body = MIN_BODY_LIMIT_BYTES;
  while (body < 2 * record.lastBodyBytes) body *= 2;
  const limit = BigInt(body + SUBSCRIPTION_LIMITS.headerAllowanceBytes);
  return limit < MAX_RESPONSE_BYTES ? limit : MAX_RESPONSE_BYTES;
}

/** The query the management canister runs on each feed response (subscription-endpoints.ts). */
export const FEED_TRANSFORM_METHOD = 'transform_subscription_response';
