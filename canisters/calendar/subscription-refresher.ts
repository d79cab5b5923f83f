import { CanisterError, isCanisterError, type Platform, utf8Text } from '../../core/index.ts';
import type { CalendarBook } from './calendar-book.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { domainCall } from './domain-bridge.ts';
import { importIcs } from './domain/index.ts';
import type { EventBook } from './event-book.ts';
import type { SubscriptionBook } from './subscription-book.ts';
import { applyFeed } from './subscription-reconcile.ts';
import { fetchFeed, type FeedResponse } from './subscription-fetch.ts';
import {
  SUBSCRIPTION_LIMITS,
  type FeedChange,
  type SubscriptionRecord,
} from './subscription-model.ts';
import { assertWritable } from './user-moves.ts';

/**
 * Fetches subscribed feeds and makes their calendars reflect them. A fetch is leased in its
 * record before the outcall; when the reply comes, the state is read again (the calendar may be
 * gone, unsubscribed or subscribed elsewhere meanwhile). A feed that is too large, an HTTP error
 * or a body that does not parse is recorded in the subscription, and the calendar is left as it
 * was; a 304 changes nothing.
 */
export class SubscriptionRefresher {
  constructor(
    private readonly platform: Platform,
    private readonly book: SubscriptionBook,
    private readonly calendars: CalendarBook,
    private readonly events: EventBook,
    private readonly stores: Pick<CalendarStores, 'moves'>,
    private readonly refreshSeconds: number,
  ) {}

  nowMs(): number {
    return Number(this.platform.time() / 1_000_000n);
  }

  /** The timer's run: starts the due fetches (a bounded number), and waits for their replies. */
  async runDue(): Promise<number> {
    const due = this.book.due(this.nowMs(), SUBSCRIPTION_LIMITS.refreshesPerRun, (s) =>
      this.isMoving(s.owner),
    );
    await Promise.all(due.map((id) => this.refresh(id)));
    return due.length;
  }

  /** Moving in or out, or moved away: its subscriptions stay as they are on this shard. */
  private isMoving(owner: string): boolean {
    return this.stores.moves.get(owner) !== undefined;
  }

  /** refresh_subscription: refused while a fetch is in flight or right after the last one. */
  async refreshNow(who: string, calendarId: string): Promise<SubscriptionRecord> {
    const record = this.book.requireOwn(who, calendarId);
    assertWritable(this.stores.moves, record.owner);
    const now = this.nowMs();
    const recent =
      record.lastRefreshMs !== undefined &&
      now - record.lastRefreshMs < SUBSCRIPTION_LIMITS.manualRefreshGapMs;
    if (this.book.fetching(record, now) || recent)
      throw new CanisterError(
        'SUBSCRIPTION_BUSY',
        'the feed is being fetched or was fetched less than a minute ago',
        { expected: 'a minute between refreshes' },
      );
    return (await this.refresh(calendarId)) ?? this.book.requireOwn(who, calendarId);
  }

  /** One fetch and its outcome; undefined when the subscription is gone or already in flight. */
  async refresh(calendarId: string): Promise<SubscriptionRecord | undefined> {
    const started = this.book.get(calendarId);
    const startedMs = this.nowMs();
    if (started === undefined || this.book.fetching(started, startedMs)) return undefined;
    // A moving (or moved) user's subscription stays as it is: the move copies it unchanged, and
    // the shard that holds the user afterwards fetches it.
    if (this.isMoving(started.owner)) return undefined;
    this.book.put({
      ...started,
      fetchingSinceMs: startedMs,
      nextRefreshMs: startedMs + this.refreshSeconds * 1_000,
    });
    let response: FeedResponse | undefined;
    let failure: CanisterError | undefined;
    try {
      response = await fetchFeed(this.platform, started);
    } catch (error) {
      failure = isCanisterError(error)
        ? error
        : new CanisterError('SUBSCRIPTION_FETCH_FAILED', String(error).slice(0, 300));
    }
    // Read again: the subscription may have ended or moved to another URL during the outcall.
    const current = this.book.get(calendarId);
    if (current === undefined || current.generation !== started.generation) return undefined;
    const outcome = failure === undefined ? this.apply(current, response!) : { error: failure };
    const nowMs = this.nowMs();
    const { fetchingSinceMs: _lease, lastError: _previous, lastBodyBytes, ...rest } = current;
    void _lease;
    void _previous;
    // A feed found too large is next asked for with the full limit at once, not after a retry.
    const outgrown = 'error' in outcome && outcome.error.code === 'SUBSCRIPTION_FEED_TOO_LARGE';
    const record: SubscriptionRecord = {
      ...rest,
      ...(lastBodyBytes === undefined || outgrown ? {} : { lastBodyBytes }),
      lastRefreshMs: nowMs,
      nextRefreshMs: nowMs + this.refreshSeconds * 1_000,
      ...('error' in outcome
        ? { status: 'error', lastError: outcome.error.toErr() }
        : outcome.notModified
          ? { status: 'not_modified' }
          : {
              status: 'ok',
              lastChange: outcome.change,
              lastBodyBytes: outcome.bodyBytes,
              ...outcome.validators,
            }),
    };
    this.book.put(record);
    return record;
  }

  private apply(
    record: SubscriptionRecord,
    response: FeedResponse,
  ):
    | { error: CanisterError }
    | { notModified: true }
    | {
        notModified: false;
        change: FeedChange;
        bodyBytes: number;
        validators: Pick<SubscriptionRecord, 'etag' | 'lastModified'>;
      } {
    if (response.kind === 'not_modified') return { notModified: true };
    try {
      const calendar = this.calendars.get(record.calendarId);
      if (calendar === undefined)
        throw new CanisterError('CALENDAR_NOT_FOUND', 'the subscribed calendar is gone');
      assertWritable(this.stores.moves, calendar.owner);
      const text = this.textOf(response.body);
      const parsed = domainCall(() =>
        importIcs(text, {
          defaultTimeZone: calendar.timeZone,
          maxInputSize: SUBSCRIPTION_LIMITS.maxBodyChars,
        }),
      );
      const change = applyFeed(
        this.calendars,
        this.events,
        record.calendarId,
        parsed.events,
        parsed.rejected,
      );
      // A 200 without validators clears the old ones: sending them again could wrongly get a 304.
      return {
        notModified: false,
        change,
        bodyBytes: response.body.length,
        validators: {
          ...(response.etag === undefined ? {} : { etag: response.etag }),
          ...(response.lastModified === undefined ? {} : { lastModified: response.lastModified }),
        },
      };
    } catch (error) {
      if (!isCanisterError(error)) throw error;
      return { error };
    }
  }

  private textOf(body: Uint8Array): string {
    if (body.length > SUBSCRIPTION_LIMITS.maxBodyChars + SUBSCRIPTION_LIMITS.headerAllowanceBytes)
      throw tooLarge(body.length);
    const text = utf8Text(body);
    if (text.length > SUBSCRIPTION_LIMITS.maxBodyChars) throw tooLarge(text.length);
    if (!/^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text.slice(0, 200)))
      throw new CanisterError(
        'SUBSCRIPTION_NOT_ICS',
        'the feed did not answer with an iCalendar file',
        { expected: 'a body starting with BEGIN:VCALENDAR', found: text.slice(0, 40) },
      );
    return text;
  }
}

function tooLarge(size: number): CanisterError {
  return new CanisterError(
    'SUBSCRIPTION_FEED_TOO_LARGE',
    `the feed is larger than an import may be (${size} > ${SUBSCRIPTION_LIMITS.maxBodyChars} characters)`,
    {
      expected: `at most ${SUBSCRIPTION_LIMITS.maxBodyChars} characters`,
      found: String(size),
    },
  );
}
