import { IDL, Result } from '../../core/index.ts';
import { SUBSCRIPTION_LIMITS, type SubscriptionRecord } from './subscription-model.ts';

/** Candid of a calendar's subscription to an external .ics feed (subscription-endpoints.ts). */
export const SubscriptionStatus = IDL.Variant({
  pending: IDL.Null,
  ok: IDL.Null,
  not_modified: IDL.Null,
  error: IDL.Null,
});

export const FeedChange = IDL.Record({
  created: IDL.Nat32,
  updated: IDL.Nat32,
  deleted: IDL.Nat32,
  unchanged: IDL.Nat32,
  skipped: IDL.Nat32,
});

export const Subscription = IDL.Record({
  calendar_id: IDL.Text,
  url: IDL.Text,
  status: SubscriptionStatus,
  last_refresh_ms: IDL.Opt(IDL.Int64),
  last_error: IDL.Opt(IDL.Record({ code: IDL.Text, message: IDL.Text })),
  etag: IDL.Opt(IDL.Text),
  last_modified: IDL.Opt(IDL.Text),
  event_count: IDL.Nat32,
  last_change: IDL.Opt(FeedChange),
  next_refresh_ms: IDL.Int64,
  refreshing: IDL.Bool,
});

export const SubscriptionResult = Result(Subscription);

const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

export function subscriptionView(record: SubscriptionRecord, eventCount: number, nowMs: number) {
  return {
    calendar_id: record.calendarId,
    url: record.url,
    status: { [record.status]: null },
    last_refresh_ms: opt(
      record.lastRefreshMs === undefined ? undefined : BigInt(record.lastRefreshMs),
    ),
    last_error: opt(record.lastError),
    etag: opt(record.etag),
    last_modified: opt(record.lastModified),
    event_count: eventCount,
    last_change: opt(record.lastChange),
    next_refresh_ms: BigInt(record.nextRefreshMs),
    refreshing:
      record.fetchingSinceMs !== undefined &&
      nowMs - record.fetchingSinceMs < SUBSCRIPTION_LIMITS.leaseMs,
  };
}
