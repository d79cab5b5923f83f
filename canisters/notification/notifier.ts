import type { Platform } from '../../core/index.ts';
import type { Inbox } from './inbox.ts';
import { NOTIFICATION_LIMITS, type SeriesRecord } from './notification-model.ts';
import { Counters, type NotificationStores } from './notification-stores.ts';
import type { ReminderQueue } from './reminder-queue.ts';
import type { WebhookBook } from './webhook-book.ts';
import type { WebhookDelivery } from './webhook-delivery.ts';

export const ADMIN_HOOK_ID = 'admin-alerts';

/**
 * Fires due reminders in bounded batches (inbox first, then a webhook delivery per matching hook),
 * sends due webhook deliveries, and keeps one timer armed at the earliest pending instant.
 */
export class Notifier {
  private readonly counters: Counters;
  private timerAt: number | undefined;

  constructor(
    private readonly platform: Platform,
    private readonly stores: NotificationStores,
    readonly queue: ReminderQueue,
    readonly inbox: Inbox,
    readonly hooks: WebhookBook,
    readonly delivery: WebhookDelivery,
  ) {
    this.counters = new Counters(stores.meta);
  }

  nowMs(): number {
    return Number(this.platform.time() / 1_000_000n);
  }

  /** Fires due reminders in order until none is due or the instruction budget is spent. */
  drain(): { fired: number; more: boolean } {
    const now = this.nowMs();
    let fired = 0;
    for (;;) {
      const batch = this.queue.due(now, 25);
      if (batch.length === 0) return { fired, more: false };
      for (const { queueKey, key, series } of batch) {
        if (this.platform.performanceCounter(0) > NOTIFICATION_LIMITS.batchInstructions)
          return { fired, more: true };
        this.fire(series, now);
        this.queue.rearm(queueKey, key, series);
        fired++;
      }
    }
  }

  /** Records one message's instructions (a benchmark reads them back through the stats). */
  measure(kind: 'sync' | 'drain', units: number): void {
    if (units === 0) return;
    const used = Number(this.platform.performanceCounter(0));
    this.counters.set(`last-${kind}-instructions`, used);
    this.counters.set(`last-${kind}-units`, units);
    this.counters.max('max-message-instructions', used);
  }

  /** One timer run: a drain batch, the due webhook deliveries, then the next timer. */
  async run(): Promise<void> {
    const { fired, more } = this.drain();
    this.measure('drain', fired);
    if (more) return this.arm(0);
    this.arm();
    if ((this.delivery.head() ?? Infinity) <= this.nowMs()) {
      await this.delivery.run(this.nowMs());
      this.arm();
    }
  }

  /** Arms the one-shot timer at `atMs` or at the earliest pending instant. */
  arm(atMs?: number): void {
    const next = atMs ?? Math.min(this.queue.head() ?? Infinity, this.delivery.head() ?? Infinity);
    if (next === Infinity) return;
    if (this.timerAt !== undefined && this.timerAt <= next) return;
    // A later timer stays armed (Azle 0.33's clearTimer panics inside an update); a run is harmless.
    const delay = Math.max(0, Math.ceil((next - this.nowMs()) / 1000));
    this.timerAt = next;
    this.platform.setTimer(delay, () => {
      if (this.timerAt === next) this.timerAt = undefined;
      return this.run();
    });
  }

  setAlertSettings(recipients: string[], hook: { url: string; secret: string } | undefined): void {
    this.stores.meta.set('alert-recipients', recipients);
    if (hook)
      this.stores.webhooks.set(ADMIN_HOOK_ID, {
        id: ADMIN_HOOK_ID,
        owner: '#admins',
        url: hook.url,
        secret: hook.secret,
        createdMs: this.nowMs(),
      });
  }

  alert(source: string, kind: string, severity: string, message: string): number {
    const seq = this.counters.add('alerts');
    const now = this.nowMs();
    const recipients = (this.stores.meta.get('alert-recipients') as string[] | undefined) ?? [];
    for (const user of recipients) {
      this.inbox.add({
        user,
        kind: 'alert',
        title: `${severity}: ${kind}`,
        body: `${message} (from ${source})`,
        dueMs: now,
        deliveredMs: now,
        key: `alert:${seq}:${user}`,
      });
    }
    if (this.hooks.get(ADMIN_HOOK_ID)) {
      const body = JSON.stringify({
        type: 'alert',
        id: `alert:${seq}`,
        source,
        kind,
        severity,
        message,
        at: new Date(now).toISOString(),
      });
      this.delivery.enqueue(ADMIN_HOOK_ID, `alert:${seq}`, body, now);
    }
    this.arm();
    return seq;
  }

  private fire(series: SeriesRecord, now: number): void {
    const next = series.next!;
    const key = `${series.shard}|${series.eventId}|${next.start}|${next.minutes}`;
    const added = this.inbox.add({
      user: series.owner,
      kind: 'reminder',
      title: series.event.title,
      body: next.minutes === 0 ? 'starts now' : `starts in ${next.minutes} min`,
      dueMs: next.due,
      deliveredMs: now,
      key,
      calendarId: series.calendarId,
      eventUid: series.event.uid,
      startMs: next.start,
    });
    if (!added) return;
    this.counters.add('delivered');
    this.counters.set('last-lag-ms', now - next.due);
    this.counters.max('max-lag-ms', now - next.due);
    const body = JSON.stringify({
      type: 'reminder',
      id: key,
      user: series.owner,
      calendar_id: series.calendarId,
      event_uid: series.event.uid,
      title: series.event.title,
      starts_at: new Date(next.start).toISOString(),
      minutes_before: next.minutes,
      due_at: new Date(next.due).toISOString(),
    });
    for (const hook of this.hooks.matching(series.owner, series.calendarId))
      this.delivery.enqueue(hook.id, key, body, now);
  }

  stats() {
    const c = (name: string) => BigInt(this.counters.get(name));
    return {
      queue_depth: BigInt(this.stores.queue.size()),
      series: BigInt(this.stores.series.size()),
      delivered: c('delivered'),
      webhooks_delivered: c('webhooks-delivered'),
      retried: c('retried'),
      dead_lettered: c('dead-lettered'),
      pending_deliveries: BigInt(this.delivery.pending()),
      last_lag_ms: c('last-lag-ms'),
      max_lag_ms: c('max-lag-ms'),
      alerts: c('alerts'),
      outcall_cycles: c('outcall-cycles'),
      max_message_instructions: c('max-message-instructions'),
      last_sync_instructions: c('last-sync-instructions'),
      last_sync_changes: c('last-sync-units'),
      last_drain_instructions: c('last-drain-instructions'),
      last_drain_fired: c('last-drain-units'),
    };
  }
}
