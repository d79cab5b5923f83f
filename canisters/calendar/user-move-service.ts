import { calendarNumberOf, shareKey } from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { EventStore } from './event-store.ts';
import { removeOwnedCalendars, type RemovalProgress } from './owned-calendars-removal.ts';
import { exportPage, type MovePage } from './user-move-export.ts';
import { readMoveItems } from './user-move-input.ts';
import { type MoveRecord, type MoveStore, moveInvalid } from './user-moves.ts';

/**
 * The shard's side of moving a user to another shard, driven step by step by the load balancer:
 * begin (freeze) → export pages → the target imports them → both export again to verify → the
 * target releases → the source removes its copy. Each call is idempotent, so a step the load
 * balancer repeats after a failure does no harm.
 */
export class UserMoveService {
  private readonly events: EventStore;

  constructor(
    private readonly stores: CalendarStores,
    private readonly moves: MoveStore,
  ) {
    this.events = new EventStore(stores);
  }

  get(user: string): MoveRecord | undefined {
    return this.moves.get(user);
  }

  /** Source: the user's calendars take no more writes until the move ends or is cancelled. */
  begin(user: string, to: string): MoveRecord {
    const move = this.moves.get(user);
    if (move?.direction === 'out' && move.peer === to) return move;
    if (move !== undefined && move.direction !== 'moved') {
      throw moveInvalid('the user is already moving', `no move, or out to ${to}`, this.show(move));
    }
    const started: MoveRecord = { direction: 'out', peer: to, numbers: [] };
    this.moves.set(user, started);
    return started;
  }

  /** Source: the move was given up before the switch; the user writes here again. */
  cancel(user: string): void {
    if (this.moves.get(user)?.direction === 'out') this.moves.delete(user);
  }

  export(user: string, cursor: string | undefined): MovePage {
    const move = this.moves.get(user);
    if (move === undefined || move.direction === 'moved') {
      throw moveInvalid('no move of this user here', 'a move out or in', move ? 'moved' : 'none');
    }
    return exportPage(this.stores, user, move, cursor);
  }

  /** Target: writes a page of the source's export, renumbering calendars this shard already used. */
  import(user: string, from: string, items: Uint8Array[]): number {
    let move = this.moves.get(user);
    if (move === undefined || move.direction === 'moved') {
      const owned = this.stores.calendars.findBy('owner', user, undefined, 1).entries.length;
      if (owned > 0) {
        throw moveInvalid('this shard holds calendars of the user', 'none', `${owned}+ calendars`);
      }
      move = { direction: 'in', peer: from, numbers: [] };
    } else if (move.direction !== 'in' || move.peer !== from) {
      throw moveInvalid(
        'another move of this user is under way',
        `in from ${from}`,
        this.show(move),
      );
    }
    const decoded = readMoveItems(items);
    const numbers = new Map(move.numbers);
    for (const item of decoded) {
      if ('calendar' in item) {
        const source = calendarNumberOf(item.calendar.id);
        const target = numbers.get(source) ?? this.allocate(source);
        numbers.set(source, target);
        const id = `${user}_c${target}`;
        this.stores.calendars.set(id, { ...item.calendar, id });
        for (const share of item.calendar.shares) {
          const key = shareKey(share.principal, id);
          this.stores.shares.set(key, {
            grantee: share.principal,
            calendarId: id,
            role: share.role,
          });
        }
      } else if ('subscription' in item) {
        const target = numbers.get(calendarNumberOf(item.subscription.calendarId));
        if (target === undefined || item.subscription.owner !== user) {
          throw moveInvalid(
            'a subscription came before its calendar, or for another owner',
            'its calendar first, owned by the user',
            item.subscription.calendarId,
          );
        }
        const calendarId = `${user}_c${target}`;
        this.stores.subscriptions.set(calendarId, { ...item.subscription, calendarId });
      } else if ('event' in item) {
        const target = numbers.get(item.event.calendarNumber);
        if (target === undefined) {
          throw moveInvalid(
            'an event came before its calendar',
            'its calendar first',
            item.event.id,
          );
        }
        const eventNumber = item.event.id.slice(item.event.id.indexOf('.') + 1);
        this.events.put({
          ...item.event,
          id: `e${target}.${eventNumber}`,
          calendarId: `${user}_c${target}`,
          calendarNumber: target,
        });
      } else {
        this.stores.settings.set(user, item.settings);
      }
    }
    this.moves.set(user, { ...move, numbers: [...numbers] });
    return items.length;
  }

  /** Target, after the switch: the user's calendars take writes here. */
  release(user: string): void {
    if (this.moves.get(user)?.direction === 'in') this.moves.delete(user);
  }

  /** Source after the switch (`out` → `moved`), or target of a move given up (`in` → none). */
  removeCopy(user: string): RemovalProgress {
    const move = this.moves.get(user);
    if (move === undefined || move.direction === 'moved')
      return { calendars: 0, events: 0, done: true };
    const progress = removeOwnedCalendars(this.stores, this.events, user);
    if (!progress.done) return progress;
    this.stores.settings.delete(user);
    if (move.direction === 'out')
      this.moves.set(user, { ...move, direction: 'moved', numbers: [] });
    else this.moves.delete(user);
    return progress;
  }

  /** The source's number when this shard never used it, else the next number of its own. */
  private allocate(source: number): number {
    const counter = Number(this.stores.meta.get('calendar-counter') ?? 0);
    const number = source > counter ? source : counter + 1;
    this.stores.meta.set('calendar-counter', number);
    return number;
  }

  private show(move: MoveRecord): string {
    return `${move.direction} ${move.peer}`;
  }
}
