import { type Platform, token } from '../../core/index.ts';
import { CalendarBook } from './calendar-book.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { EventBook } from './event-book.ts';
import { FeedTokens } from './feed-tokens.ts';
import { FreeBusy } from './free-busy.ts';
import { IcsFeed } from './ics-feed.ts';
import { IcsTransfer } from './ics-transfer.ts';
import { OccurrenceQuery } from './occurrence-query.ts';
import { SubscriptionBook } from './subscription-book.ts';
import { SUBSCRIPTION_LIMITS } from './subscription-model.ts';
import { SubscriptionRefresher } from './subscription-refresher.ts';
import { UserErasure } from './user-erasure.ts';
import { UserMoveService } from './user-move-service.ts';

/** Everything the calendar endpoints use, built once per canister over its stores. */
export class CalendarService {
  readonly calendars: CalendarBook;
  readonly events: EventBook;
  readonly occurrences: OccurrenceQuery;
  readonly freeBusy: FreeBusy;
  readonly ics: IcsTransfer;
  readonly feed: IcsFeed;
  readonly feedTokens: FeedTokens;
  readonly erasure: UserErasure;
  readonly moves: UserMoveService;
  readonly subscriptions: SubscriptionBook;
  readonly subscriptionRefresher: SubscriptionRefresher;

  constructor(
    readonly stores: CalendarStores,
    now: () => bigint,
    private readonly platform: Platform,
    refreshSeconds: number = SUBSCRIPTION_LIMITS.defaultRefreshSeconds,
  ) {
    this.calendars = new CalendarBook(stores, now);
    this.events = new EventBook(stores, this.calendars, now);
    this.occurrences = new OccurrenceQuery(stores);
    this.freeBusy = new FreeBusy(stores, this.calendars, this.occurrences);
    this.ics = new IcsTransfer(this.calendars, this.events);
    this.feedTokens = new FeedTokens(stores.feedTokens);
    this.feed = new IcsFeed(this.calendars, this.ics, this.feedTokens);
    this.erasure = new UserErasure(stores);
    this.moves = new UserMoveService(stores, stores.moves);
    this.subscriptions = new SubscriptionBook(stores.subscriptions, stores.meta, this.calendars);
    this.subscriptionRefresher = new SubscriptionRefresher(
      platform,
      this.subscriptions,
      this.calendars,
      this.events,
      stores,
      refreshSeconds,
    );
  }

  /** Runs the due refreshes in a message of their own, right after this one (a new subscription). */
  armSubscriptionRefresh(): void {
    this.platform.setTimer(0, async () => {
      await this.subscriptionRefresher.runDue();
    });
  }

  /** Deletes a calendar's events in a bounded batch, then the calendar itself. */
  deleteCalendar(who: string, id: string): { eventsDeleted: number; done: boolean } {
    this.calendars.requireOwned(who, id);
    this.stores.subscriptions.delete(id); // no fetch refills what is being deleted
    const batch = this.ics.eventsOf(id, 2_000);
    for (const record of batch) this.events.eventStore.remove(record);
    const calendar = this.calendars.get(id)!;
    if (batch.length === 2_000 && this.ics.eventsOf(id, 1).length > 0) {
      this.calendars.touch({
        ...calendar,
        eventCount: Math.max(0, calendar.eventCount - batch.length),
      });
      return { eventsDeleted: batch.length, done: false };
    }
    this.calendars.delete(who, id);
    this.feedTokens.revoke(id);
    return { eventsDeleted: batch.length, done: true };
  }
}

export const CALENDAR_SERVICE = token<CalendarService>('calendar/service');
