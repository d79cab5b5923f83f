import { CanisterError } from '../../core/index.ts';
import { NOTIFICATION_LIMITS, pad, type InboxRecord } from './notification-model.ts';
import { Counters, type NotificationStores } from './notification-stores.ts';

const NEWEST = 9_999_999_999_999;
export type InboxInput = Omit<InboxRecord, 'seq' | 'read'>;

/** Per-user inbox, newest first; an idempotency key lands at most once. */
export class Inbox {
  private readonly counters: Counters;

  constructor(private readonly stores: NotificationStores) {
    this.counters = new Counters(stores.meta);
  }

  /** Adds the entry unless its key was delivered before; true when it was added. */
  add(input: InboxInput): boolean {
    if (this.stores.delivered.has(input.key)) return false;
    const seq = this.counters.add('inbox-seq');
    const key = pad(NEWEST - seq);
    this.stores.inbox.set(key, { ...input, seq, read: false });
    this.stores.delivered.set(input.key, key);
    this.stores.unread.set(input.user, this.unread(input.user) + 1);
    return true;
  }

  page(user: string, cursor: string | undefined, limit: number) {
    const size = Math.min(Math.max(limit, 1), NOTIFICATION_LIMITS.pageLimit);
    const page = this.stores.inbox.findBy('user', user, cursor, size);
    return {
      entries: page.entries.map(([key, entry]) => ({ id: String(key), entry })),
      next: page.next === undefined ? undefined : String(page.next),
    };
  }

  unread(user: string): number {
    return this.stores.unread.get(user) ?? 0;
  }

  markRead(user: string, ids: string[]): number {
    if (ids.length > NOTIFICATION_LIMITS.pageLimit)
      throw new CanisterError('NOTIFY_INVALID', 'too many ids', {
        expected: `at most ${NOTIFICATION_LIMITS.pageLimit}`,
        found: String(ids.length),
      });
    let changed = 0;
    for (const id of ids) {
      const entry = this.stores.inbox.get(id);
      if (!entry || entry.user !== user || entry.read) continue;
      this.stores.inbox.set(id, { ...entry, read: true });
      changed++;
    }
    this.stores.unread.set(user, Math.max(0, this.unread(user) - changed));
    return this.unread(user);
  }

  /** Erases up to `max` of a user's entries; true when none remain. */
  erase(user: string, max: number): boolean {
    const page = this.stores.inbox.findBy('user', user, undefined, max);
    for (const [key, entry] of page.entries) {
      this.stores.inbox.delete(key);
      this.stores.delivered.delete(entry.key);
    }
    if (page.next !== undefined) return false;
    this.stores.unread.delete(user);
    return true;
  }
}
