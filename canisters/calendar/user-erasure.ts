import { CanisterError } from '../../core/index.ts';
import { CALENDAR_LIMITS, calendarNumberOf, shareKey } from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { EventStore } from './event-store.ts';

export interface ErasureProgress {
  calendars: number;
  events: number;
  /** false: call again, more remains (each call is bounded so it fits one message) */
  done: boolean;
}

/**
 * Erases everything a user owns on this shard, in bounded batches, when the user registry asks.
 * The registry is named by principal (set by an admin), never by a secret.
 */
export class UserErasure {
  private readonly events: EventStore;

  constructor(private readonly stores: CalendarStores) {
    this.events = new EventStore(stores);
  }

  registry(): string | undefined {
    const value = this.stores.meta.get('user-registry');
    return typeof value === 'string' ? value : undefined;
  }

  setRegistry(principal: string): string {
    this.stores.meta.set('user-registry', principal);
    return principal;
  }

  erase(callerText: string, user: string): ErasureProgress {
    const registry = this.registry();
    if (registry === undefined || registry !== callerText) {
      throw new CanisterError(
        'ERASE_FORBIDDEN',
        'only the user registry canister may erase user data',
        {
          expected: registry ?? 'a configured user registry (set_user_registry)',
          found: callerText,
        },
      );
    }
    const progress: ErasureProgress = { calendars: 0, events: 0, done: false };
    let budget: number = CALENDAR_LIMITS.eraseBatch;
    for (const [id, calendar] of this.stores.calendars.findBy('owner', user, undefined, 100)
      .entries) {
      const events = this.events.ofCalendar(calendarNumberOf(String(id)), budget);
      for (const record of events) this.events.remove(record);
      progress.events += events.length;
      budget -= events.length;
      if (budget <= 0) return progress;
      for (const share of calendar.shares)
        this.stores.shares.delete(shareKey(share.principal, String(id)));
      this.stores.calendars.delete(id);
      progress.calendars++;
    }
    for (const [key, share] of this.stores.shares.findBy('grantee', user, undefined, 200).entries) {
      const calendar = this.stores.calendars.get(share.calendarId);
      if (calendar) {
        this.stores.calendars.set(calendar.id, {
          ...calendar,
          shares: calendar.shares.filter((s) => s.principal !== user),
        });
      }
      this.stores.shares.delete(key);
    }
    this.stores.settings.delete(user);
    progress.done = this.stores.calendars.findBy('owner', user, undefined, 1).entries.length === 0;
    if (progress.done) this.stores.reminders?.userErased(user);
    return progress;
  }
}
