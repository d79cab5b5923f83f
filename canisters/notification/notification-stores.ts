import type { StableStore } from '../../core/index.ts';
import type {
  DeliveryRecord,
  InboxRecord,
  SeriesRecord,
  WebhookRecord,
} from './notification-model.ts';

/** The notification canister's stable stores (declared in notification-domain.ts). */
export interface NotificationStores {
  /** `<shard>|<event id>` → the series and its next reminder */
  series: StableStore<SeriesRecord>;
  /** `<due ms, padded>|<series key>` → series key: one entry per series, earliest first */
  queue: StableStore<string>;
  /** `<inverted seq, padded>` → entry: each user's newest first through the `user` index */
  inbox: StableStore<InboxRecord>;
  /** idempotency key → inbox key */
  delivered: StableStore<string>;
  /** user → unread count */
  unread: StableStore<number>;
  webhooks: StableStore<WebhookRecord>;
  /** `<next attempt ms, padded>|<delivery id>` → delivery */
  deliveries: StableStore<DeliveryRecord>;
  /** delivery id → the delivery that failed maxAttempts times */
  deadLetters: StableStore<DeliveryRecord>;
  /** counters (`delivered`, `retried`, …) and settings (`alert-recipients`, …) */
  meta: StableStore<unknown>;
}

export const NOTIFICATION_INDEXES = {
  series: { owner: (s: SeriesRecord) => s.owner },
  inbox: { user: (e: InboxRecord) => e.user },
  webhooks: { owner: (w: WebhookRecord) => w.owner },
} as const;

export class Counters {
  constructor(private readonly meta: StableStore<unknown>) {}

  get(name: string): number {
    const value = this.meta.get(`count:${name}`);
    return typeof value === 'number' ? value : 0;
  }

  add(name: string, amount = 1): number {
    const value = this.get(name) + amount;
    this.meta.set(`count:${name}`, value);
    return value;
  }

  max(name: string, value: number): void {
    if (value > this.get(name)) this.meta.set(`count:${name}`, value);
  }

  set(name: string, value: number): void {
    this.meta.set(`count:${name}`, value);
  }
}
