import {
  problemOf,
  type CalendarSource,
  type EditScope,
  type EventInput,
  type Occurrence,
  type OccurrenceRef,
  type TimeRange,
} from './calendar-source.ts';
import { RangeCache } from './range-cache.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface StoreState {
  status: LoadStatus;
  occurrences: Occurrence[];
  error?: { code: string; message: string };
}

/**
 * The widget's data layer: loads only the visible range, keeps a few ranges cached, prefetches the
 * neighbouring ranges, and applies edits optimistically, rolling them back when the source refuses.
 * Listeners get a new state object on every change.
 */
export class CalendarStore {
  state: StoreState = { status: 'idle', occurrences: [] };
  private readonly cache: RangeCache;
  private calendarIds: string[] = [];
  private range: TimeRange | undefined;
  private neighbours: TimeRange[] = [];
  private generation = 0;
  private readonly listeners = new Set<(state: StoreState) => void>();

  constructor(
    readonly source: CalendarSource,
    cacheSize = 6,
  ) {
    this.cache = new RangeCache(cacheSize);
  }

  subscribe(listener: (state: StoreState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows `range`, fetching it unless cached, then prefetches `neighbours` in the background. */
  async show(calendarIds: string[], range: TimeRange, neighbours: TimeRange[] = []): Promise<void> {
    this.calendarIds = calendarIds;
    this.range = range;
    this.neighbours = neighbours;
    await this.load(false);
  }

  /** Drops the cache and reloads the visible range (e.g. when the window regains focus). */
  async refresh(): Promise<void> {
    this.cache.clear();
    if (this.range) await this.load(true);
  }

  async create(input: EventInput): Promise<boolean> {
    const pending: Occurrence = {
      eventId: `${PENDING_PREFIX}${Date.now()}`,
      recurrenceId: input.start,
      calendarId: input.calendarId,
      title: input.title,
      start: input.start,
      end: input.end,
      allDay: input.allDay,
      timeZone: input.timeZone,
      rrule: input.rrule,
      reminders: input.reminders ?? [],
    };
    return this.optimistic(
      (list) => [...list, pending],
      () => this.source.createEvent(input),
    );
  }

  async update(target: OccurrenceRef, input: EventInput, scope: EditScope): Promise<boolean> {
    return this.optimistic(
      (list) =>
        list.map((occurrence) =>
          affected(occurrence, target, scope) ? patched(occurrence, target, input) : occurrence,
        ),
      () => this.source.updateEvent(target, input, scope),
    );
  }

  async remove(target: OccurrenceRef, scope: EditScope): Promise<boolean> {
    return this.optimistic(
      (list) => list.filter((occurrence) => !affected(occurrence, target, scope)),
      () => this.source.deleteEvent(target, scope),
    );
  }

  private async optimistic(
    change: (list: Occurrence[]) => Occurrence[],
    write: () => Promise<unknown>,
  ): Promise<boolean> {
    const before = this.state.occurrences;
    this.emit({ ...this.state, occurrences: change(before), error: undefined });
    try {
      await write();
    } catch (error) {
      this.emit({ ...this.state, occurrences: before, error: problemOf(error) });
      return false;
    }
    await this.refresh();
    return true;
  }

  private async load(quiet: boolean): Promise<void> {
    const range = this.range!;
    const generation = ++this.generation;
    const key = RangeCache.key(this.calendarIds, range);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.source.listOccurrences(this.calendarIds, range);
      this.cache.set(key, pending);
    }
    if (!quiet) this.emit({ status: 'loading', occurrences: this.state.occurrences });
    try {
      const occurrences = await pending;
      if (generation !== this.generation) return;
      this.emit({ status: 'ready', occurrences });
    } catch (error) {
      if (generation !== this.generation) return;
      this.emit({ status: 'error', occurrences: [], error: problemOf(error) });
      return;
    }
    this.prefetch();
  }

  private prefetch(): void {
    for (const range of this.neighbours) {
      const key = RangeCache.key(this.calendarIds, range);
      if (!this.cache.has(key))
        this.cache.set(key, this.source.listOccurrences(this.calendarIds, range));
    }
  }

  private emit(state: StoreState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /** Cache keys held, for tests. */
  cachedKeys(): string[] {
    return this.cache.keys();
  }
}

function affected(occurrence: Occurrence, target: OccurrenceRef, scope: EditScope): boolean {
  if (occurrence.eventId !== target.eventId) return false;
  if (!(occurrence.rrule || occurrence.recurring) || scope === 'all') return true;
  if (scope === 'this') return occurrence.recurrenceId === target.recurrenceId;
  return occurrence.recurrenceId >= target.recurrenceId;
}

const PENDING_PREFIX = 'pending-';

/** True for the stand-in of an event whose creation the source has not confirmed yet (it has no real id). */
export function isPendingOccurrence(occurrence: Pick<Occurrence, 'eventId'>): boolean {
  return occurrence.eventId.startsWith(PENDING_PREFIX);
}

// The stand-in keeps the edited rule, zone and reminders, so a dialog opened on it before the
// refresh lands still sees a recurring event as recurring.
function patched(occurrence: Occurrence, target: OccurrenceRef, input: EventInput): Occurrence {
  const shift = input.start - target.recurrenceId;
  return {
    ...occurrence,
    title: input.title,
    calendarId: input.calendarId,
    allDay: input.allDay,
    timeZone: input.timeZone,
    rrule: input.rrule,
    reminders: input.reminders ?? occurrence.reminders,
    start: occurrence.recurrenceId + shift,
    end: occurrence.recurrenceId + shift + (input.end - input.start),
  };
}
