import { encodeValue } from '../../core/index.ts';
import {
  calendarNumberOf,
  type CalendarRecord,
  type EventRecord,
  SPAN_OPEN,
  type UserSettings,
} from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';
import type { SubscriptionRecord } from './subscription-model.ts';
import { parseMoveCursor } from './user-move-input.ts';
import type { MoveRecord } from './user-moves.ts';

/** A subscription in transit: a fetch in flight on the source is not carried over. */
export type MovedSubscription = Omit<SubscriptionRecord, 'fetchingSinceMs'>;

/** One record of a user's data in transit (the calendar comes before its subscription and events). */
export type MoveItem =
  | { calendar: CalendarRecord }
  | { subscription: MovedSubscription }
  | { event: EventRecord }
  | { settings: UserSettings };

export interface MovePage {
  items: Uint8Array[];
  /** Pass back for the next page; absent on the last. */
  next?: string;
}

const PAGE_ITEMS = 100;
const PAGE_BYTES = 900_000;
const EVENT_INDEXES = ['single_start', 'series_end'] as const;

/**
 * A page of everything `owner` owns here, each record as the source shard numbers it: the target
 * maps its own calendar numbers back through the move's `numbers`, so the load balancer verifies a
 * copy by comparing the source's pages with the target's byte for byte.
 */
export function exportPage(
  stores: CalendarStores,
  owner: string,
  move: MoveRecord,
  cursorText: string | undefined,
): MovePage {
  const toSource = new Map(move.direction === 'in' ? move.numbers.map(([s, t]) => [t, s]) : []);
  const sourceNumber = (n: number) => toSource.get(n) ?? n;
  const calendars = stores.calendars
    .findBy('owner', owner, undefined, 200)
    .entries.map(([, c]) => c)
    .sort((a, b) => sourceNumber(calendarNumberOf(a.id)) - sourceNumber(calendarNumberOf(b.id)));
  const at = parseMoveCursor(cursorText);
  const items: Uint8Array[] = [];
  let bytes = 0;
  const push = (item: MoveItem) => {
    const encoded = encodeValue(item);
    items.push(encoded);
    bytes += encoded.length;
  };
  const full = () => items.length >= PAGE_ITEMS || bytes >= PAGE_BYTES;
  while (at.c < calendars.length) {
    const calendar = calendars[at.c]!;
    const number = calendarNumberOf(calendar.id);
    const source = sourceNumber(number);
    const renumber = (id: string) => (source === number ? id : `${owner}_c${source}`);
    if (at.p === 0) {
      const subscription = stores.subscriptions.get(calendar.id);
      // The calendar and its subscription travel in one page.
      if (full() || (subscription && items.length + 2 > PAGE_ITEMS)) {
        return { items, next: JSON.stringify(at) };
      }
      push({ calendar: { ...calendar, id: renumber(calendar.id) } });
      if (subscription) {
        const { fetchingSinceMs: _inFlight, ...carried } = subscription;
        void _inFlight;
        push({ subscription: { ...carried, calendarId: renumber(calendar.id) } });
      }
      at.p = 1;
    }
    while (at.p > 0) {
      const limit = PAGE_ITEMS - items.length;
      if (full() || limit <= 0) return { items, next: JSON.stringify(at) };
      const scan = stores.events.findRange(
        EVENT_INDEXES[at.p - 1]!,
        [number, -SPAN_OPEN],
        [number, SPAN_OPEN],
        { ...(at.a === undefined ? {} : { after: at.a }), limit },
      );
      for (const [, event] of scan.entries) {
        const eventNumber = event.id.slice(event.id.indexOf('.') + 1);
        push({
          event: {
            ...event,
            id: source === number ? event.id : `e${source}.${eventNumber}`,
            calendarId: renumber(event.calendarId),
            calendarNumber: source,
          },
        });
      }
      if (scan.next !== undefined) at.a = scan.next;
      else {
        delete at.a;
        at.p = at.p === 1 ? 2 : 0;
        if (at.p === 0) at.c++;
      }
    }
  }
  if (at.p === 0) {
    const settings = stores.settings.get(owner);
    if (settings !== undefined) {
      if (full()) return { items, next: JSON.stringify(at) };
      push({ settings });
    }
  }
  return { items };
}
