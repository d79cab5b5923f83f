import { nextReminder } from './next-reminder.ts';
import { NOTIFICATION_LIMITS, pad, type SeriesRecord } from './notification-model.ts';
import type { NotificationStores } from './notification-stores.ts';

const queueKey = (due: number, seriesKey: string) => `${pad(due)}|${seriesKey}`;
export const seriesKeyOf = (shard: string, eventId: string) => `${shard}|${eventId}`;

export type SeriesInput = Omit<SeriesRecord, 'next' | 'shard'>;

/**
 * The queue of next due times: one entry per series (never per occurrence), earliest first.
 * Firing a reminder re-arms its series with the following one.
 */
export class ReminderQueue {
  constructor(private readonly stores: NotificationStores) {}

  upsert(shard: string, input: SeriesInput, nowMs: number): void {
    const key = seriesKeyOf(shard, input.eventId);
    this.unqueue(key);
    const minutes = [...new Set(input.minutes)].slice(0, NOTIFICATION_LIMITS.maxReminders);
    const series: SeriesRecord = { ...input, shard, minutes };
    this.arm(key, series, nowMs - 1);
  }

  remove(shard: string, eventId: string): boolean {
    const key = seriesKeyOf(shard, eventId);
    const removed = this.unqueue(key);
    this.stores.series.delete(key);
    return removed;
  }

  /** The earliest due time, if any. */
  head(): number | undefined {
    const first = this.stores.queue.page(0, 1).entries[0];
    return first === undefined ? undefined : Number(String(first[0]).slice(0, 16));
  }

  /** Due entries in order, at most `max`, each with its series. */
  due(nowMs: number, max: number): { queueKey: string; key: string; series: SeriesRecord }[] {
    const found = [];
    for (const [qkey, key] of this.stores.queue.page(0, max).entries) {
      if (Number(String(qkey).slice(0, 16)) > nowMs) break;
      const series = this.stores.series.get(key);
      if (!series?.next) {
        this.stores.queue.delete(qkey);
        continue;
      }
      found.push({ queueKey: String(qkey), key, series });
    }
    return found;
  }

  /** Moves a fired series on to its following reminder (or drops it when the series ended). */
  rearm(queueKeyFired: string, key: string, series: SeriesRecord): void {
    this.stores.queue.delete(queueKeyFired);
    this.arm(key, series, series.next!.due);
  }

  /** Removes up to `max` series of a user; true when none remain. */
  forgetUser(user: string, max: number): boolean {
    const page = this.stores.series.findBy('owner', user, undefined, max);
    for (const [key] of page.entries) {
      this.unqueue(String(key));
      this.stores.series.delete(key);
    }
    return page.next === undefined;
  }

  private arm(key: string, series: SeriesRecord, afterMs: number): void {
    let next;
    try {
      next = nextReminder(series.event, series.minutes, afterMs);
    } catch {
      next = undefined; // a series the domain cannot expand any more never fires
    }
    this.stores.series.set(key, { ...series, ...(next ? { next } : { next: undefined }) });
    if (next) this.stores.queue.set(queueKey(next.due, key), key);
  }

  private unqueue(key: string): boolean {
    const next = this.stores.series.get(key)?.next;
    if (!next) return false;
    this.stores.queue.delete(queueKey(next.due, key));
    return true;
  }
}
