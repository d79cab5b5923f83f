import { CanisterError } from '../../core/index.ts';
import type { CalendarBook } from './calendar-book.ts';
import { CALENDAR_LIMITS } from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { checkWindow, type OccurrenceQuery, type Window } from './occurrence-query.ts';
import { assertWritable } from './user-moves.ts';

export interface BusyReport {
  user: string;
  /** false when the user has not opted in (then `busy` is empty) */
  shared: boolean;
  busy: { start: number; end: number }[];
}

const MAX_BUSY_PER_USER = 2_000;

/** Busy intervals of users who opted in, merged across their own calendars (no titles revealed). */
export class FreeBusy {
  constructor(
    private readonly stores: CalendarStores,
    private readonly calendars: CalendarBook,
    private readonly occurrences: OccurrenceQuery,
  ) {}

  setVisible(user: string, visible: boolean): boolean {
    if (user === '2vxsx-fae')
      throw new CanisterError('AUTH_ANONYMOUS', 'sign in to share free/busy');
    assertWritable(this.stores.moves, user);
    this.stores.settings.set(user, { freeBusyVisible: visible });
    return visible;
  }

  isVisible(user: string): boolean {
    return this.stores.settings.get(user)?.freeBusyVisible === true;
  }

  query(users: string[], window: Window): BusyReport[] {
    checkWindow(window);
    if (users.length > CALENDAR_LIMITS.maxFreeBusyPrincipals) {
      throw new CanisterError('QUERY_INVALID', 'too many principals', {
        expected: `at most ${CALENDAR_LIMITS.maxFreeBusyPrincipals}`,
        found: String(users.length),
      });
    }
    return users.map((user) => {
      if (!this.isVisible(user)) return { user, shared: false, busy: [] };
      const intervals: { start: number; end: number }[] = [];
      for (const calendar of this.calendars.ownedBy(user)) {
        let cursor: string | undefined;
        do {
          const page = this.occurrences.page(
            [calendar.id],
            window,
            cursor,
            CALENDAR_LIMITS.maxPageSize,
          );
          for (const o of page.occurrences) {
            if (!o.transparent)
              intervals.push({
                start: Math.max(o.start, window.from),
                end: Math.min(o.end, window.to),
              });
          }
          cursor = page.nextCursor;
        } while (cursor !== undefined && intervals.length < MAX_BUSY_PER_USER);
      }
      return { user, shared: true, busy: merge(intervals) };
    });
  }
}

function merge(intervals: { start: number; end: number }[]): { start: number; end: number }[] {
  intervals.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const next of intervals) {
    const last = merged[merged.length - 1];
    if (last !== undefined && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}
