import { CanisterError, refuseOutcallUrl, type StableStore } from '../../core/index.ts';
import type { CalendarBook } from './calendar-book.ts';
import { SUBSCRIPTION_LIMITS, type SubscriptionRecord } from './subscription-model.ts';

const LOOPBACK_KEY = 'allow-loopback-subscriptions';

/** Calendars subscribed to external feeds: who may subscribe what, and the state of each. */
export class SubscriptionBook {
  constructor(
    private readonly store: StableStore<SubscriptionRecord>,
    private readonly meta: StableStore<string | number>,
    private readonly calendars: CalendarBook,
  ) {}

  allowLoopback(): boolean {
    return this.meta.get(LOOPBACK_KEY) === 1;
  }

  setAllowLoopback(allow: boolean): void {
    this.meta.set(LOOPBACK_KEY, allow ? 1 : 0);
  }

  /** Subscribes an owned, empty calendar (or moves a subscribed one to another URL). */
  subscribe(who: string, calendarId: string, url: string, nowMs: number): SubscriptionRecord {
    const calendar = this.calendars.requireOwned(who, calendarId);
    const reason = refuseOutcallUrl(url, {
      maxBytes: SUBSCRIPTION_LIMITS.maxUrlBytes,
      allowLoopback: this.allowLoopback(),
    });
    if (reason !== undefined)
      throw new CanisterError('SUBSCRIPTION_URL_REFUSED', `feed URL refused: ${reason}`, {
        found: url.slice(0, 200),
      });
    const previous = this.store.get(calendarId);
    const owned = this.store.findBy(
      'owner',
      calendar.owner,
      undefined,
      SUBSCRIPTION_LIMITS.perOwner,
    );
    if (previous === undefined && owned.entries.length >= SUBSCRIPTION_LIMITS.perOwner)
      throw new CanisterError('CALENDAR_LIMIT', 'too many subscribed calendars', {
        expected: `at most ${SUBSCRIPTION_LIMITS.perOwner} per owner`,
      });
    if (previous === undefined && calendar.eventCount > 0)
      throw new CanisterError(
        'SUBSCRIPTION_INVALID',
        'the calendar holds events, which the feed would replace: subscribe an empty calendar',
        { expected: 'a calendar without events', found: `${calendar.eventCount} events` },
      );
    const record: SubscriptionRecord = {
      calendarId,
      owner: calendar.owner,
      url,
      createdMs: nowMs,
      generation: (previous?.generation ?? 0) + 1,
      nextRefreshMs: nowMs,
      status: 'pending',
    };
    this.store.set(calendarId, record);
    this.calendars.setSubscribed(calendarId, true);
    return record;
  }

  /** Ends the subscription; the calendar keeps its events and takes edits again. */
  unsubscribe(who: string, calendarId: string): boolean {
    this.calendars.requireOwned(who, calendarId);
    return this.drop(calendarId);
  }

  /** Forgets a calendar's subscription (unsubscribe, calendar deleted); true when there was one. */
  drop(calendarId: string): boolean {
    const had = this.store.has(calendarId);
    if (had) this.store.delete(calendarId);
    this.calendars.setSubscribed(calendarId, false);
    return had;
  }

  /** The owner's view of a subscription. */
  requireOwn(who: string, calendarId: string): SubscriptionRecord {
    this.calendars.requireOwned(who, calendarId);
    const record = this.store.get(calendarId);
    if (record === undefined)
      throw new CanisterError(
        'SUBSCRIPTION_NOT_FOUND',
        `the calendar '${calendarId.slice(0, 100)}' is not subscribed to a feed`,
      );
    return record;
  }

  get(calendarId: string): SubscriptionRecord | undefined {
    return this.store.get(calendarId);
  }

  put(record: SubscriptionRecord): void {
    this.store.set(record.calendarId, record);
  }

  /** Calendar ids whose next refresh is due, at most `limit`, leaving out those a fetch holds and those `skip` names. */
  due(
    nowMs: number,
    limit: number,
    skip: (record: SubscriptionRecord) => boolean = () => false,
  ): string[] {
    const page = this.store.findRange('next_refresh', 0, nowMs, { limit: limit * 2 });
    return page.entries
      .map(([, s]) => s)
      .filter((s) => !this.fetching(s, nowMs) && !skip(s))
      .slice(0, limit)
      .map((s) => s.calendarId);
  }

  fetching(record: SubscriptionRecord, nowMs: number): boolean {
    return (
      record.fetchingSinceMs !== undefined &&
      nowMs - record.fetchingSinceMs < SUBSCRIPTION_LIMITS.leaseMs
    );
  }
}

export const SUBSCRIPTION_INDEXES = {
  /** an owner's subscriptions (the per-owner cap) */
  owner: (s: SubscriptionRecord) => s.owner,
  /** subscriptions by next refresh time, so the timer reads only the due ones */
  next_refresh: (s: SubscriptionRecord) => s.nextRefreshMs,
} as const;
