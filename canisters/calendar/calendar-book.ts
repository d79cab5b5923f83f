import { CanisterError, type StoreKey } from '../../core/index.ts';
import { domainCall } from './domain-bridge.ts';
import { validateCalendarInput } from './domain/index.ts';
import {
  CALENDAR_LIMITS,
  CALENDAR_PALETTE,
  calendarNumberOf,
  type CalendarRecord,
  type Role,
  shareKey,
  type ShareRole,
  type Visibility,
} from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { assertWritable, movedAway } from './user-moves.ts';

export interface CalendarFields {
  name: string;
  description?: string;
  color?: string;
  timeZone: string;
  visibility: Visibility;
}

const ANONYMOUS = '2vxsx-fae';

/** Calendars, their shares and who may do what with them. Principals are text. */
export class CalendarBook {
  constructor(
    private readonly stores: CalendarStores,
    private readonly now: () => bigint,
  ) {}

  create(owner: string, fields: CalendarFields): CalendarRecord {
    this.requireSignedIn(owner);
    assertWritable(this.stores.moves, owner);
    const valid = this.validate(fields);
    if (this.ownedBy(owner).length >= CALENDAR_LIMITS.calendarsPerOwner) {
      throw new CanisterError('CALENDAR_LIMIT', 'too many calendars', {
        expected: `at most ${CALENDAR_LIMITS.calendarsPerOwner} per owner`,
      });
    }
    const number = Number(this.stores.meta.get('calendar-counter') ?? 0) + 1;
    this.stores.meta.set('calendar-counter', number);
    const now = this.now();
    const record: CalendarRecord = {
      id: `${owner}_c${number}`,
      owner,
      ...valid,
      color: valid.color ?? CALENDAR_PALETTE[(number - 1) % CALENDAR_PALETTE.length],
      shares: [],
      createdAt: now,
      updatedAt: now,
      revision: 1,
      changedMs: Number(now / 1_000_000n),
      nextEventNumber: 1,
      eventCount: 0,
    };
    this.stores.calendars.set(record.id, record);
    return record;
  }

  update(who: string, id: string, fields: CalendarFields): CalendarRecord {
    const calendar = this.requireOwned(who, id);
    const updated = { ...calendar, ...this.validate(fields) };
    return this.touch(updated);
  }

  /** Removes the calendar record and its shares; the caller removes its events. */
  delete(who: string, id: string): CalendarRecord {
    const calendar = this.requireOwned(who, id);
    for (const share of calendar.shares) this.stores.shares.delete(shareKey(share.principal, id));
    this.stores.calendars.delete(id);
    return calendar;
  }

  share(who: string, id: string, grantee: string, role: ShareRole): CalendarRecord {
    const calendar = this.requireOwned(who, id);
    if (grantee === calendar.owner || grantee === ANONYMOUS) {
      throw new CanisterError(
        'CALENDAR_INVALID_SHARE',
        'a calendar is shared with another signed-in user',
        {
          found: grantee,
        },
      );
    }
    const shares = calendar.shares.filter((s) => s.principal !== grantee);
    if (shares.length >= CALENDAR_LIMITS.sharesPerCalendar) {
      throw new CanisterError('CALENDAR_LIMIT', 'too many shares', {
        expected: `at most ${CALENDAR_LIMITS.sharesPerCalendar} per calendar`,
      });
    }
    shares.push({ principal: grantee, role });
    this.stores.shares.set(shareKey(grantee, id), { grantee, calendarId: id, role });
    return this.touch({ ...calendar, shares });
  }

  unshare(who: string, id: string, grantee: string): CalendarRecord {
    const calendar = this.requireOwned(who, id);
    this.stores.shares.delete(shareKey(grantee, id));
    return this.touch({
      ...calendar,
      shares: calendar.shares.filter((s) => s.principal !== grantee),
    });
  }

  /** The caller's role, or undefined when the calendar is neither theirs, shared nor public. */
  roleOf(calendar: CalendarRecord, who: string): Role | undefined {
    if (who !== ANONYMOUS && calendar.owner === who) return 'owner';
    if (who !== ANONYMOUS) {
      const share = calendar.shares.find((s) => s.principal === who);
      if (share) return share.role;
    }
    return calendar.visibility === 'public' ? 'reader' : undefined;
  }

  /** A calendar the caller may read; others look absent (no existence leak). */
  requireReadable(who: string, id: string): { calendar: CalendarRecord; role: Role } {
    const calendar = this.stores.calendars.get(id);
    const role = calendar === undefined ? undefined : this.roleOf(calendar, who);
    if (calendar === undefined || role === undefined) {
      // A stale client asking the old shard for a moved user's calendar learns where it went.
      if (calendar === undefined) movedAway(this.stores.moves, id.slice(0, id.lastIndexOf('_c')));
      throw new CanisterError(
        'CALENDAR_NOT_FOUND',
        `no calendar '${id.slice(0, 100)}' readable by the caller`,
      );
    }
    return { calendar, role };
  }

  requireEditable(who: string, id: string): CalendarRecord {
    this.requireSignedIn(who);
    const { calendar, role } = this.requireReadable(who, id);
    if (role === 'reader') {
      throw new CanisterError('CALENDAR_FORBIDDEN', 'readers cannot change events', {
        expected: 'owner or editor',
        found: role,
      });
    }
    if (calendar.subscribed === true) {
      throw new CanisterError(
        'CALENDAR_READ_ONLY',
        'the calendar mirrors a subscribed feed: its events change only through the feed',
        { expected: 'a calendar that is not subscribed (unsubscribe_calendar to edit it)' },
      );
    }
    assertWritable(this.stores.moves, calendar.owner);
    return calendar;
  }

  /** Marks the calendar as mirroring a feed (read-only for event writes) or not. */
  setSubscribed(id: string, subscribed: boolean): void {
    const calendar = this.stores.calendars.get(id);
    if (calendar === undefined) return;
    const { subscribed: _was, ...rest } = calendar;
    void _was;
    this.touch(subscribed ? { ...rest, subscribed: true } : rest);
  }

  requireOwned(who: string, id: string): CalendarRecord {
    this.requireSignedIn(who);
    const { calendar, role } = this.requireReadable(who, id);
    if (role !== 'owner') {
      throw new CanisterError(
        'CALENDAR_FORBIDDEN',
        'only the owner may change the calendar itself',
        {
          expected: 'owner',
          found: role,
        },
      );
    }
    assertWritable(this.stores.moves, calendar.owner);
    return calendar;
  }

  /** Owned first, then shared with the caller. */
  listFor(who: string): CalendarRecord[] {
    if (who === ANONYMOUS) return [];
    const shared = this.findAll(this.stores.shares, 'grantee', who)
      .map((s) => this.stores.calendars.get(s.calendarId))
      .filter((c): c is CalendarRecord => c !== undefined);
    return [...this.ownedBy(who), ...shared];
  }

  ownedBy(owner: string): CalendarRecord[] {
    return this.findAll(this.stores.calendars, 'owner', owner);
  }

  get(id: string): CalendarRecord | undefined {
    return this.stores.calendars.get(id);
  }

  /** Records a change of the calendar's events (feed ETag and Last-Modified). */
  touch(calendar: CalendarRecord): CalendarRecord {
    const now = this.now();
    const updated = {
      ...calendar,
      updatedAt: now,
      revision: calendar.revision + 1,
      changedMs: Number(now / 1_000_000n),
    };
    this.stores.calendars.set(calendar.id, updated);
    return updated;
  }

  /** Hands out the next event number of a calendar (stored with the calendar). */
  nextEventId(calendar: CalendarRecord): { id: string; calendar: CalendarRecord } {
    const id = `e${calendarNumberOf(calendar.id)}.${calendar.nextEventNumber}`;
    return { id, calendar: { ...calendar, nextEventNumber: calendar.nextEventNumber + 1 } };
  }

  private validate(fields: CalendarFields): Omit<CalendarFields, never> {
    const valid = domainCall(() =>
      validateCalendarInput({
        name: fields.name,
        timeZone: fields.timeZone,
        ...(fields.description === undefined ? {} : { description: fields.description }),
        ...(fields.color === undefined ? {} : { color: fields.color }),
      }),
    );
    return { ...valid, visibility: fields.visibility };
  }

  private requireSignedIn(who: string): void {
    if (who === ANONYMOUS) {
      throw new CanisterError('AUTH_ANONYMOUS', 'sign in to change calendars', {
        expected: 'a signed-in caller',
        found: 'the anonymous principal',
      });
    }
  }

  private findAll<V>(
    store: {
      findBy(
        i: string,
        v: unknown,
        a?: StoreKey,
        l?: number,
      ): { entries: [StoreKey, V][]; next?: StoreKey };
    },
    index: string,
    value: string,
  ): V[] {
    const found: V[] = [];
    let after: StoreKey | undefined;
    for (;;) {
      const page = store.findBy(index, value, after, 200);
      found.push(...page.entries.map(([, v]) => v));
      if (page.next === undefined) return found;
      after = page.next;
    }
  }
}
