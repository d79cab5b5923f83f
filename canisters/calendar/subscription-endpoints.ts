import {
  allow,
  caller,
  HttpResult,
  type HttpResultValue,
  IDL,
  inject,
  limits,
  query,
  TransformArgs,
  update,
} from '../../core/index.ts';
import { BoolResult } from './calendar-idl.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';
import { keepFeedHeaders } from './subscription-fetch.ts';
import { SubscriptionResult, subscriptionView } from './subscription-idl.ts';
import type { SubscriptionRecord } from './subscription-model.ts';

const me = () => caller().toText();

/**
 * Calendars that mirror an external .ics feed (Google, Outlook, Apple public addresses): the
 * owner subscribes, refreshes, reads the state and unsubscribes; a timer refreshes each feed.
 */
export class SubscriptionEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  private view(record: SubscriptionRecord) {
    const count = this.service.calendars.get(record.calendarId)?.eventCount ?? 0;
    return subscriptionView(record, count, this.service.subscriptionRefresher.nowMs());
  }

  /** Subscribes an empty calendar of the caller's to `url`; the first fetch follows at once. */
  @update([IDL.Text, IDL.Text], SubscriptionResult)
  @allow('user')
  @limits({ ratePerMinute: 2, burst: 5 })
  subscribe_calendar(calendarId: string, url: string) {
    const nowMs = this.service.subscriptionRefresher.nowMs();
    const record = this.service.subscriptions.subscribe(me(), calendarId, url, nowMs);
    this.service.armSubscriptionRefresh();
    return this.view(record);
  }

  /** Ends the subscription: the calendar keeps its events and takes edits again. */
  @update([IDL.Text], BoolResult)
  @allow('user')
  unsubscribe_calendar(calendarId: string) {
    return this.service.subscriptions.unsubscribe(me(), calendarId);
  }

  /** Fetches the feed now (at most once a minute) and replies the new state. */
  @update([IDL.Text], SubscriptionResult)
  @allow('user')
  @limits({ maxInstructions: 30_000_000_000, ratePerMinute: 5, burst: 10 })
  async refresh_subscription(calendarId: string) {
    return this.view(await this.service.subscriptionRefresher.refreshNow(me(), calendarId));
  }

  @query([IDL.Text], SubscriptionResult)
  @allow('user')
  get_subscription(calendarId: string) {
    return this.view(this.service.subscriptions.requireOwn(me(), calendarId));
  }

  /** Lets feeds be fetched from http://127.0.0.1 (local networks and tests only; off by default). */
  @update([IDL.Bool], BoolResult)
  @allow('admin')
  set_allow_loopback_subscriptions(allow: boolean) {
    this.service.subscriptions.setAllowLoopback(allow);
    return allow;
  }

  /** The outcall transform: status, body, ETag and Last-Modified, so every replica agrees. */
  @query([TransformArgs], HttpResult)
  @allow('public')
  @limits({ maxInstructions: 5_000_000_000 })
  transform_subscription_response(args: { response: HttpResultValue }) {
    return keepFeedHeaders(args.response);
  }
}
