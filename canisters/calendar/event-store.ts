import { SPAN_OPEN, type EventRecord } from './calendar-model.ts';
import type { CalendarStores } from './calendar-stores.ts';

const uidKey = (calendarNumber: number, uid: string) => `${calendarNumber}/${uid}`;

/**
 * Events plus their UID map. Each event sits in exactly one B+tree index (short events by
 * (calendar, start), series by (calendar, span end)); the UID → id map is a plain stable map,
 * because every index entry written costs far more than a map insert.
 */
export class EventStore {
  constructor(private readonly stores: CalendarStores) {}

  get(id: string): EventRecord | undefined {
    return this.stores.events.get(id);
  }

  put(record: EventRecord): void {
    this.stores.reminders?.changed(record.id, record);
    this.stores.events.set(record.id, record);
    this.stores.uids.set(uidKey(record.calendarNumber, record.event.uid), record.id);
  }

  remove(record: EventRecord): void {
    this.stores.reminders?.changed(record.id, undefined);
    this.stores.events.delete(record.id);
    this.stores.uids.delete(uidKey(record.calendarNumber, record.event.uid));
  }

  byUid(calendarNumber: number, uid: string): EventRecord | undefined {
    const id = this.stores.uids.get(uidKey(calendarNumber, uid));
    return id === undefined ? undefined : this.get(id);
  }

  /** Up to `max` events of one calendar (two index range scans). */
  ofCalendar(calendarNumber: number, max: number): EventRecord[] {
    const found: EventRecord[] = [];
    for (const index of ['single_start', 'series_end']) {
      let after: string | undefined;
      do {
        const page = this.stores.events.findRange(
          index,
          [calendarNumber, -SPAN_OPEN],
          [calendarNumber, SPAN_OPEN],
          {
            ...(after ? { after } : {}),
            limit: Math.min(500, max - found.length),
          },
        );
        found.push(...page.entries.map(([, e]) => e));
        after = page.next;
      } while (after !== undefined && found.length < max);
      if (found.length >= max) break;
    }
    return found;
  }
}
