import {
  HttpRequestArgs,
  HttpResult,
  type HttpResultValue,
  outcallCycles,
  type Platform,
  Principal,
} from '../../core/index.ts';
import { NOTIFICATION_LIMITS, pad, type DeliveryRecord } from './notification-model.ts';
import { Counters, type NotificationStores } from './notification-stores.ts';
import type { WebhookBook } from './webhook-book.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signBody } from './webhook-signature.ts';

/** The query the management canister runs on each webhook response (see notification-endpoints). */
export const TRANSFORM_METHOD = 'transform_webhook_response';
const LEASE_MS = 600_000;
const keyOf = (d: DeliveryRecord) => `${pad(d.nextAttemptMs)}|${d.id}`;

/**
 * Webhook POSTs through HTTPS outcalls, at least once: each delivery is stored before it is sent
 * (and leased while in flight), retried with exponential backoff, and dead-lettered after
 * maxAttempts failures. The receiver deduplicates by the idempotency key.
 */
export class WebhookDelivery {
  private readonly counters: Counters;

  constructor(
    private readonly platform: Platform,
    private readonly stores: NotificationStores,
    private readonly hooks: WebhookBook,
  ) {
    this.counters = new Counters(stores.meta);
  }

  enqueue(hookId: string, idempotencyKey: string, body: string, nowMs: number): void {
    const delivery: DeliveryRecord = {
      id: `${hookId}:${idempotencyKey}`,
      hookId,
      body,
      idempotencyKey,
      attempts: 0,
      nextAttemptMs: nowMs,
    };
    this.stores.deliveries.set(keyOf(delivery), delivery);
  }

  pending(): number {
    return this.stores.deliveries.size();
  }

  /** The earliest next attempt, if any. */
  head(): number | undefined {
    const first = this.stores.deliveries.page(0, 1).entries[0];
    return first?.[1].nextAttemptMs;
  }

  /** Sends the due deliveries (at most deliveriesPerRun, concurrently); resolves when all answered. */
  async run(nowMs: number): Promise<number> {
    const due = this.stores.deliveries
      .page(0, NOTIFICATION_LIMITS.deliveriesPerRun)
      .entries.filter(([, d]) => d.nextAttemptMs <= nowMs);
    const leased = due.map(([key, delivery]) => {
      this.stores.deliveries.delete(key);
      const lease = { ...delivery, nextAttemptMs: nowMs + LEASE_MS };
      this.stores.deliveries.set(keyOf(lease), lease);
      return lease;
    });
    await Promise.all(leased.map((delivery) => this.attempt(delivery)));
    return leased.length;
  }

  private async attempt(delivery: DeliveryRecord): Promise<void> {
    const hook = this.hooks.get(delivery.hookId);
    let error: string | undefined;
    if (hook) {
      try {
        const status = await this.post(hook.url, hook.secret, delivery);
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (e) {
        error = (e as Error).message.slice(0, 300);
      }
    }
    // State may have changed while the outcall was in flight: act on the stored lease only.
    const leaseKey = keyOf({ ...delivery });
    if (!this.stores.deliveries.has(leaseKey)) return;
    this.stores.deliveries.delete(leaseKey);
    if (!hook || error === undefined) {
      if (hook) this.counters.add('webhooks-delivered');
      return;
    }
    const attempts = delivery.attempts + 1;
    const now = Number(this.platform.time() / 1_000_000n);
    const failed = { ...delivery, attempts, lastError: error };
    if (attempts >= NOTIFICATION_LIMITS.maxAttempts) {
      this.stores.deadLetters.set(delivery.id, { ...failed, nextAttemptMs: now });
      this.counters.add('dead-lettered');
      return;
    }
    const backoff = Math.min(
      NOTIFICATION_LIMITS.backoffBaseMs * 2 ** (attempts - 1),
      NOTIFICATION_LIMITS.backoffCapMs,
    );
    const retry = { ...failed, nextAttemptMs: now + backoff };
    this.stores.deliveries.set(keyOf(retry), retry);
    this.counters.add('retried');
  }

  private async post(url: string, secret: string, delivery: DeliveryRecord): Promise<number> {
    const body = new TextEncoder().encode(delivery.body);
    const headers = [
      { name: 'content-type', value: 'application/json' },
      { name: SIGNATURE_HEADER, value: signBody(secret, delivery.body) },
      { name: IDEMPOTENCY_HEADER, value: delivery.idempotencyKey },
    ];
    const requestBytes =
      url.length +
      TRANSFORM_METHOD.length +
      body.length +
      headers.reduce((n, h) => n + h.name.length + h.value.length, 0);
    const cycles = outcallCycles(requestBytes, NOTIFICATION_LIMITS.maxResponseBytes);
    const reply = await this.platform.call<HttpResultValue>(
      Principal.managementCanister(),
      'http_request',
      {
        paramIdlTypes: [HttpRequestArgs],
        returnIdlType: HttpResult,
        args: [
          {
            url,
            max_response_bytes: [NOTIFICATION_LIMITS.maxResponseBytes],
            method: { post: null },
            headers,
            body: [body],
            transform: [
              {
                function: [this.platform.selfId(), TRANSFORM_METHOD],
                context: new Uint8Array(0),
              },
            ],
            is_replicated: [],
          },
        ],
        cycles,
      },
    );
    this.counters.add('outcall-cycles', Number(cycles));
    return Number(reply.status);
  }

  dead(limit: number): DeliveryRecord[] {
    return this.stores.deadLetters.page(0, limit).entries.map(([, d]) => d);
  }
}
