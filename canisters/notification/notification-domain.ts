import { definePlugin } from '../../core/index.ts';
import { Inbox } from './inbox.ts';
import { NOTIFIER, NotificationEndpoints } from './notification-endpoints.ts';
import type {
  DeliveryRecord,
  InboxRecord,
  SeriesRecord,
  WebhookRecord,
} from './notification-model.ts';
import { NOTIFICATION_INDEXES, type NotificationStores } from './notification-stores.ts';
import { NotificationSystemEndpoints } from './notification-system-endpoints.ts';
import { Notifier } from './notifier.ts';
import { ReminderQueue } from './reminder-queue.ts';
import { WebhookBook } from './webhook-book.ts';
import { WebhookDelivery } from './webhook-delivery.ts';

/** The notification canister's stores, services, timer and endpoints. */
export const notificationDomain = definePlugin({
  name: 'notification',
  dependsOn: ['auth'],
  endpoints: [NotificationEndpoints, NotificationSystemEndpoints],
  setup(ctx) {
    const stores: NotificationStores = {
      series: ctx.store<SeriesRecord>({ name: 'series', indexes: NOTIFICATION_INDEXES.series }),
      queue: ctx.store<string>({ name: 'queue' }),
      inbox: ctx.store<InboxRecord>({ name: 'inbox', indexes: NOTIFICATION_INDEXES.inbox }),
      delivered: ctx.store<string>({ name: 'delivered' }),
      unread: ctx.store<number>({ name: 'unread' }),
      webhooks: ctx.store<WebhookRecord>({
        name: 'webhooks',
        indexes: NOTIFICATION_INDEXES.webhooks,
      }),
      deliveries: ctx.store<DeliveryRecord>({ name: 'deliveries' }),
      deadLetters: ctx.store<DeliveryRecord>({ name: 'dead-letters' }),
      meta: ctx.store<unknown>({ name: 'meta' }),
    };
    const hooks = new WebhookBook(stores);
    const notifier = new Notifier(
      ctx.platform,
      stores,
      new ReminderQueue(stores),
      new Inbox(stores),
      hooks,
      new WebhookDelivery(ctx.platform, stores, hooks),
    );
    ctx.provide(NOTIFIER, notifier);
    // The one-shot timer is heap state: this interval re-arms it after an upgrade and catches up.
    ctx.timer({ name: 'drain', everySeconds: 30, run: () => notifier.run() });
  },
});
