import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';

import {
  CalendarSourceError,
  type CalendarInfo,
  type CalendarSource,
  type EditScope,
  type EventInput,
  type Occurrence,
  type OccurrenceRef,
  type TimeRange,
} from '../client/calendar-source.ts';
import { CanisterCalendarSource, type CalendarActor } from '../client/canister-calendar-source.ts';

type ListEventsQuery = Parameters<CalendarActor['list_events']>[0];
type ListEventsReply = Awaited<ReturnType<CalendarActor['list_events']>>;
type Result<T> = { Ok: T } | { Err: { code: string; message: string } };

/** The calendar canister's methods the demo calls, beyond what CanisterCalendarSource uses. */
interface DemoCalendarActor extends CalendarActor {
  list_public_events(
    q: Omit<ListEventsQuery, 'calendar_ids'> & { calendar_id: string },
  ): Promise<ListEventsReply>;
  create_calendar(input: {
    name: string;
    time_zone: string;
    color: [] | [string];
    description: [] | [string];
    visibility: { public: null } | { private: null };
  }): Promise<Result<{ id: string }>>;
}

export interface DemoCanisterOptions {
  host: string;
  canisterId: string;
  idlFactory: IDL.InterfaceFactory;
  publicCalendarId: string;
  timeZone: string;
}

const NOT_SIGNED_IN = {
  code: 'NOT_SIGNED_IN',
  message: 'Sign in to change events: the public calendar is read-only',
};

/**
 * The demo's source: the seeded public calendar, read anonymously through `list_public_events`, plus, once
 * signed in, the user's own calendars (one is created on first sign-in) through CanisterCalendarSource.
 */
export class DemoCanisterSource implements CalendarSource {
  private constructor(
    private readonly publicCalendar: CalendarInfo,
    private readonly publicSource: CanisterCalendarSource,
    private readonly own: { source: CanisterCalendarSource; principal: string } | null,
  ) {}

  static async connect(
    options: DemoCanisterOptions,
    identity: Identity | null,
  ): Promise<DemoCanisterSource> {
    const anonymousAgent = await HttpAgent.create({
      host: options.host,
      shouldFetchRootKey: true,
    });
    const anonymous = Actor.createActor<DemoCalendarActor>(options.idlFactory, {
      agent: anonymousAgent,
      canisterId: options.canisterId,
    });
    const publicSource = new CanisterCalendarSource(publicReads(anonymous), async () => null);
    const publicCalendar: CalendarInfo = {
      id: options.publicCalendarId,
      name: 'Public demo calendar',
      color: '#0f766e',
      writable: false,
    };
    if (!identity) return new DemoCanisterSource(publicCalendar, publicSource, null);
    const agent = await HttpAgent.create({
      host: options.host,
      identity,
      shouldFetchRootKey: true,
    });
    const actor = Actor.createActor<DemoCalendarActor>(options.idlFactory, {
      agent,
      canisterId: options.canisterId,
    });
    const principal = identity.getPrincipal().toText();
    const source = new CanisterCalendarSource(actor, async () => principal);
    const calendars = await source.getCalendars();
    if (!calendars.some((calendar) => calendar.writable)) {
      const created = await actor.create_calendar({
        name: 'My calendar',
        time_zone: options.timeZone,
        color: ['#1d4ed8'],
        description: [],
        visibility: { private: null },
      });
      if ('Err' in created) throw new CalendarSourceError(created.Err);
    }
    return new DemoCanisterSource(publicCalendar, publicSource, { source, principal });
  }

  async principal(): Promise<string | null> {
    return this.own?.principal ?? null;
  }

  async getCalendars(): Promise<CalendarInfo[]> {
    const mine = this.own ? await this.own.source.getCalendars() : [];
    return [
      this.publicCalendar,
      ...mine.filter((calendar) => calendar.id !== this.publicCalendar.id),
    ];
  }

  async listOccurrences(calendarIds: string[], range: TimeRange): Promise<Occurrence[]> {
    const publicId = this.publicCalendar.id;
    const others = calendarIds.filter((id) => id !== publicId);
    const [shared, mine] = await Promise.all([
      calendarIds.includes(publicId)
        ? this.publicSource.listOccurrences([publicId], range)
        : Promise.resolve([]),
      this.own && others.length > 0
        ? this.own.source.listOccurrences(others, range)
        : Promise.resolve([]),
    ]);
    return [...shared, ...mine].sort((a, b) => a.start - b.start);
  }

  createEvent(input: EventInput): Promise<{ eventId: string }> {
    return this.writer().createEvent(input);
  }

  updateEvent(target: OccurrenceRef, input: EventInput, scope: EditScope): Promise<void> {
    return this.writer().updateEvent(target, input, scope);
  }

  deleteEvent(target: OccurrenceRef, scope: EditScope): Promise<void> {
    return this.writer().deleteEvent(target, scope);
  }

  private writer(): CanisterCalendarSource {
    if (!this.own) throw new CalendarSourceError(NOT_SIGNED_IN);
    return this.own.source;
  }
}

/** list_events answered by list_public_events (one calendar per call), so anonymous callers can read. */
function publicReads(actor: DemoCalendarActor): CalendarActor {
  const refuse = async () => ({ Err: NOT_SIGNED_IN });
  return {
    list_events: async ({ calendar_ids, ...window }) =>
      actor.list_public_events({ ...window, calendar_id: calendar_ids[0] ?? '' }),
    list_calendars: refuse,
    get_event: refuse,
    create_event: refuse,
    update_event: refuse,
    delete_event: refuse,
  };
}
