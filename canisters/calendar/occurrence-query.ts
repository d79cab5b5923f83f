import { CanisterError } from '../../core/index.ts';
import {
  CALENDAR_LIMITS,
  calendarNumberOf,
  type EventRecord,
  SPAN_OPEN,
} from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import { domainCall } from './domain-bridge.ts';
import { expandEventOccurrences, type Occurrence } from './domain/index.ts';

export interface Window {
  from: number;
  to: number;
}

export interface ListedOccurrence extends Occurrence {
  eventId: string;
  calendarId: string;
  transparent: boolean;
}

export interface OccurrencePage {
  occurrences: ListedOccurrence[];
  nextCursor?: string;
}

/** Sort key of an occurrence: start, event id, recurrence id (the cursor names the last one sent). */
const sortKey = (o: { start: number; eventId: string; recurrenceId?: string }) =>
  [o.start, o.eventId, o.recurrenceId ?? ''] as const;

function compare(
  a: readonly [number, string, string],
  b: readonly [number, string, string],
): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] === b[2] ? 0 : a[2] < b[2] ? -1 : 1;
}

function encodeCursor(key: readonly [number, string, string]): string {
  return `${key[0]}|${key[1]}|${key[2]}`;
}

function decodeCursor(cursor: string): [number, string, string] {
  const [start, eventId, recurrenceId, ...rest] = cursor.split('|');
  const startMs = Number(start);
  if (
    rest.length > 0 ||
    eventId === undefined ||
    recurrenceId === undefined ||
    !Number.isFinite(startMs)
  ) {
    throw new CanisterError('QUERY_INVALID', 'the cursor was not returned by this canister', {
      found: cursor.slice(0, 80),
    });
  }
  return [startMs, eventId, recurrenceId];
}

export function checkWindow(window: Window): void {
  if (!(window.from < window.to) || window.to - window.from > CALENDAR_LIMITS.maxWindowMs) {
    throw new CanisterError('QUERY_INVALID', 'the window must be non-empty and at most 367 days', {
      expected: `from < to, to - from <= ${CALENDAR_LIMITS.maxWindowMs} ms`,
      found: `${window.from}..${window.to}`,
    });
  }
}

/**
 * Occurrences of several calendars in a window, in start order, one page at a time. Candidates
 * come from two index ranges per calendar (short events by start; series by span end), so a page
 * reads O(log n + k) index entries; series are expanded only inside the window.
 */
export class OccurrenceQuery {
  constructor(private readonly stores: CalendarStores) {}

  page(
    calendarIds: string[],
    window: Window,
    cursor: string | undefined,
    limit: number,
  ): OccurrencePage {
    checkWindow(window);
    if (!(limit >= 1 && limit <= CALENDAR_LIMITS.maxPageSize)) {
      throw new CanisterError('QUERY_INVALID', 'page size out of range', {
        expected: `1..${CALENDAR_LIMITS.maxPageSize}`,
        found: String(limit),
      });
    }
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const from = after === undefined ? window.from : Math.max(window.from, after[0]);
    const found: ListedOccurrence[] = [];
    for (const calendarId of calendarIds) {
      for (const record of this.candidates(calendarId, { from, to: window.to })) {
        const occurrences = domainCall(() =>
          expandEventOccurrences(record.event, { from, to: window.to, limit: limit + 64 }),
        );
        for (const o of occurrences) {
          const listed = {
            ...o,
            eventId: record.id,
            calendarId,
            transparent: record.event.transparency === 'transparent',
          };
          if (listed.start < window.from && listed.end <= window.from) continue;
          if (after !== undefined && compare(sortKey(listed), after) <= 0) continue;
          found.push(listed);
        }
      }
    }
    found.sort((a, b) => compare(sortKey(a), sortKey(b)));
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return found.length > limit && last !== undefined
      ? { occurrences: page, nextCursor: encodeCursor(sortKey(last)) }
      : { occurrences: page };
  }

  /** Events of one calendar that may overlap the window. */
  candidates(calendarId: string, window: Window): EventRecord[] {
    const n = calendarNumberOf(calendarId);
    const found: EventRecord[] = [];
    const collect = (
      index: string,
      low: unknown,
      high: unknown,
      keep: (e: EventRecord) => boolean,
    ) => {
      let after: string | undefined;
      do {
        const page = this.stores.events.findRange(index, low, high, {
          ...(after ? { after } : {}),
          limit: 500,
        });
        for (const [, record] of page.entries) if (keep(record)) found.push(record);
        after = page.next;
      } while (after !== undefined);
    };
    collect(
      'single_start',
      [n, window.from - CALENDAR_LIMITS.singleMaxDurationMs],
      [n, window.to],
      (e) => e.endMs >= window.from && e.startMs < window.to,
    );
    collect('series_end', [n, window.from], [n, SPAN_OPEN], (e) => e.startMs < window.to);
    return found;
  }
}
