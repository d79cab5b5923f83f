import { CanisterError } from '../../core/index.ts';
import { NOTIFICATION_LIMITS, type WebhookRecord } from './notification-model.ts';
import { Counters, type NotificationStores } from './notification-stores.ts';
import { refuseWebhookUrl } from './webhook-url.ts';

/** Webhooks per user or per calendar; the signing secret is shown to its owner only. */
export class WebhookBook {
  constructor(private readonly stores: NotificationStores) {}

  allowLoopback(): boolean {
    return this.stores.meta.get('allow-loopback-webhooks') === true;
  }

  setAllowLoopback(allow: boolean): void {
    this.stores.meta.set('allow-loopback-webhooks', allow);
  }

  validate(url: string): void {
    const reason = refuseWebhookUrl(url, this.allowLoopback());
    if (reason)
      throw new CanisterError('WEBHOOK_URL_REFUSED', `webhook URL refused: ${reason}`, {
        found: url.slice(0, 200),
      });
  }

  add(owner: string, url: string, secret: string, nowMs: number, calendarId?: string) {
    this.validate(url);
    if (this.of(owner).length >= NOTIFICATION_LIMITS.maxWebhooksPerUser)
      throw new CanisterError('WEBHOOK_LIMIT', 'too many webhooks', {
        expected: `at most ${NOTIFICATION_LIMITS.maxWebhooksPerUser} per user`,
      });
    const id = `wh${new Counters(this.stores.meta).add('webhook-seq')}`;
    const record: WebhookRecord = {
      id,
      owner,
      url,
      secret,
      createdMs: nowMs,
      ...(calendarId === undefined ? {} : { calendarId }),
    };
    this.stores.webhooks.set(id, record);
    return record;
  }

  of(owner: string): WebhookRecord[] {
    return this.stores.webhooks
      .findBy('owner', owner, undefined, NOTIFICATION_LIMITS.maxWebhooksPerUser + 1)
      .entries.map(([, w]) => w);
  }

  get(id: string): WebhookRecord | undefined {
    return this.stores.webhooks.get(id);
  }

  remove(owner: string, id: string): void {
    const hook = this.stores.webhooks.get(id);
    if (!hook || hook.owner !== owner)
      throw new CanisterError('NOTIFY_NOT_FOUND', `no webhook ${id} of yours`);
    this.stores.webhooks.delete(id);
  }

  /** The owner's hooks that take reminders of this calendar. */
  matching(owner: string, calendarId: string): WebhookRecord[] {
    return this.of(owner).filter((w) => w.calendarId === undefined || w.calendarId === calendarId);
  }

  erase(owner: string): void {
    for (const hook of this.of(owner)) this.stores.webhooks.delete(hook.id);
  }
}
