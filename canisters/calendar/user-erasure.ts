import { CanisterError } from '../../core/index.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { EventStore } from './event-store.ts';
import { removeOwnedCalendars, type RemovalProgress } from './owned-calendars-removal.ts';

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

  erase(callerText: string, user: string): RemovalProgress {
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
    const progress = removeOwnedCalendars(this.stores, this.events, user);
    if (!progress.done) return progress;
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
    this.stores.reminders?.userErased(user);
    return progress;
  }
}
