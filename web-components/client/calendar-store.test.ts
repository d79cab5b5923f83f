import { describe, expect, it } from 'vitest';

import { CalendarStore, isPendingOccurrence, type StoreState } from './calendar-store.ts';
import { MemoryCalendarSource } from './memory-calendar-source.ts';

const at = (day: number, hour: number) => Date.UTC(2025, 2, day, hour);
const range = (from: number, to: number) => ({ start: at(from, 0), end: at(to, 0) });
const event = {
  id: 'a',
  calendarId: 'default',
  title: 'A',
  start: at(10, 9),
  end: at(10, 10),
  allDay: false,
  timeZone: 'UTC',
  reminders: [],
};

describe('CalendarStore', () => {
  it('loads the visible range, then prefetches the neighbours, and serves them from cache', async () => {
    const source = new MemoryCalendarSource({ events: [event] });
    const store = new CalendarStore(source);
    const statuses: string[] = [];
    store.subscribe((state) => statuses.push(state.status));
    await store.show(['default'], range(8, 15), [range(1, 8), range(15, 22)]);
    expect(statuses).toEqual(['loading', 'ready']);
    expect(store.state.occurrences.map((o) => o.title)).toEqual(['A']);
    expect(source.listCalls).toBe(3);
    await store.show(['default'], range(15, 22), [range(8, 15), range(22, 29)]);
    expect(source.listCalls).toBe(4);
  });

  it('shows an optimistic edit at once and rolls it back with the refusal message', async () => {
    const source = new MemoryCalendarSource({ events: [event] });
    const store = new CalendarStore(source);
    await store.show(['default'], range(8, 15));
    source.refuseWrites = { code: 'QUOTA', message: 'Too many events' };
    const seen: StoreState[] = [];
    store.subscribe((state) => seen.push(state));
    const ok = await store.remove({ eventId: 'a', recurrenceId: event.start }, 'all');
    expect(ok).toBe(false);
    expect(seen[0]!.occurrences).toEqual([]);
    expect(store.state.occurrences.map((o) => o.title)).toEqual(['A']);
    expect(store.state.error).toEqual({ code: 'QUOTA', message: 'Too many events' });
  });

  it('marks a created event as pending until the source confirms it', async () => {
    const source = new MemoryCalendarSource({ events: [event] });
    const store = new CalendarStore(source);
    await store.show(['default'], range(8, 15));
    const seen: StoreState[] = [];
    store.subscribe((state) => seen.push(state));
    await store.create({ ...event, title: 'B', start: at(11, 9), end: at(11, 10) });
    const optimistic = seen[0]!.occurrences.find((o) => o.title === 'B')!;
    expect(isPendingOccurrence(optimistic)).toBe(true);
    const confirmed = store.state.occurrences.find((o) => o.title === 'B')!;
    expect(isPendingOccurrence(confirmed)).toBe(false);
  });

  it('keeps the new rule on the optimistic copy of an edited event', async () => {
    const source = new MemoryCalendarSource({ events: [event] });
    const store = new CalendarStore(source);
    await store.show(['default'], range(8, 15));
    const seen: StoreState[] = [];
    store.subscribe((state) => seen.push(state));
    await store.update(
      { eventId: 'a', recurrenceId: event.start },
      { ...event, rrule: 'FREQ=WEEKLY', reminders: [15] },
      'all',
    );
    expect(seen[0]!.occurrences[0]).toMatchObject({ rrule: 'FREQ=WEEKLY', reminders: [15] });
  });

  it('refresh drops the cache and reloads what is visible', async () => {
    const source = new MemoryCalendarSource({ events: [event] });
    const store = new CalendarStore(source);
    await store.show(['default'], range(8, 15));
    await source.createEvent({ ...event, title: 'B', start: at(11, 9), end: at(11, 10) });
    expect(store.state.occurrences).toHaveLength(1);
    await store.refresh();
    expect(store.state.occurrences.map((o) => o.title)).toEqual(['A', 'B']);
  });

  it('reports a failed load as an error state', async () => {
    const source = new MemoryCalendarSource();
    source.listOccurrences = async () => {
      throw new Error('replica unavailable');
    };
    const store = new CalendarStore(source);
    await store.show(['default'], range(8, 15));
    expect(store.state).toMatchObject({
      status: 'error',
      error: { code: 'SOURCE_FAILED', message: 'replica unavailable' },
    });
  });
});
