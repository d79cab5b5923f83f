import {
  CalendarSourceError,
  type CalendarInfo,
  type CalendarSource,
  type EditScope,
  type EventDetails,
  type EventInput,
  type Occurrence,
  type OccurrenceRef,
  type TimeRange,
} from './calendar-source.ts';

/** Opens the source on the shard the user lives on now; `movedTo` is the shard a CALENDAR_MOVED named. */
export type Reconnect = (movedTo: string | undefined) => Promise<CalendarSource>;

/** The new shard a CALENDAR_MOVED refusal names ("…moved to the shard <id>; …"), if it names one. */
export function movedToShard(error: CalendarSourceError): string | undefined {
  return error.found ?? /moved to the shard ([a-z0-9-]+)/i.exec(error.message)?.[1];
}

/**
 * A CalendarSource on a user's shard that follows a migration: a call answered with CALENDAR_MOVED
 * (a stale shard) opens the source on the new shard and is retried there once. Calls that fail
 * together reconnect once. CALENDAR_MOVING (writes wait while the move runs) passes unchanged.
 */
export class ShardFollowingSource implements CalendarSource {
  private switching: Promise<CalendarSource> | undefined;

  constructor(
    private current: CalendarSource,
    private readonly reconnect: Reconnect,
  ) {}

  /** The source on the shard in use (after a move, the new shard's). */
  get source(): CalendarSource {
    return this.current;
  }

  listOccurrences(calendarIds: string[], range: TimeRange): Promise<Occurrence[]> {
    return this.call((source) => source.listOccurrences(calendarIds, range));
  }

  getCalendars(): Promise<CalendarInfo[]> {
    return this.call((source) => source.getCalendars());
  }

  principal(): Promise<string | null> {
    return this.current.principal();
  }

  createEvent(input: EventInput): Promise<{ eventId: string }> {
    return this.call((source) => source.createEvent(input));
  }

  getEventDetails(target: OccurrenceRef): Promise<EventDetails> {
    return this.call((source) => source.getEventDetails(target));
  }

  updateEvent(target: OccurrenceRef, input: EventInput, scope: EditScope): Promise<void> {
    return this.call((source) => source.updateEvent(target, input, scope));
  }

  deleteEvent(target: OccurrenceRef, scope: EditScope): Promise<void> {
    return this.call((source) => source.deleteEvent(target, scope));
  }

  private async call<T>(operation: (source: CalendarSource) => Promise<T>): Promise<T> {
    const used = this.current;
    try {
      return await operation(used);
    } catch (error) {
      if (!(error instanceof CalendarSourceError) || error.code !== 'CALENDAR_MOVED') throw error;
      return operation(await this.follow(used, error));
    }
  }

  private follow(used: CalendarSource, error: CalendarSourceError): Promise<CalendarSource> {
    if (this.current !== used) return Promise.resolve(this.current);
    this.switching ??= this.reconnect(movedToShard(error))
      .then((next) => (this.current = next))
      .finally(() => (this.switching = undefined));
    return this.switching;
  }
}
