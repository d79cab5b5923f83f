import type { ActorSubclass, Identity } from '@dfinity/agent';

import { createCalendarAgent, IC_HOST } from './calendar-agent.ts';
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
import { calendarInfo, CanisterCalendarSource, ok } from './canister-calendar-source.ts';
import { createActor, type _SERVICE } from './generated/calendar-client-bindings.ts';
import { publicReads } from './public-reads.ts';

export type CalendarService = ActorSubclass<_SERVICE>;

export interface CanisterConnectionOptions {
  canisterId: string;
  /** IC API host; default the IC (`https://icp-api.io`). A local host's root key is fetched. */
  host?: string;
  /** Signed-in identity; null or absent reads anonymously. */
  identity?: Identity | null;
  /** Calendars shown besides the signed-in user's own; anonymous visitors can read the public ones. */
  calendarIds?: string[];
}

const NOT_SIGNED_IN = {
  code: 'NOT_SIGNED_IN',
  message: 'Sign in to change events: this calendar is read-only for visitors',
};

/** Connects to a calendar canister with the shipped bindings; see CanisterConnection. */
export async function connectCalendarCanister(
  options: CanisterConnectionOptions,
): Promise<CanisterConnection> {
  const host = options.host || IC_HOST;
  try {
    const anonymous = createActor(options.canisterId, await createCalendarAgent(host));
    const signedIn = options.identity
      ? {
          actor: createActor(options.canisterId, await createCalendarAgent(host, options.identity)),
          principal: options.identity.getPrincipal().toText(),
        }
      : null;
    return new CanisterConnection(
      { canisterId: options.canisterId, host },
      options.calendarIds ?? [],
      anonymous,
      signedIn,
    );
  } catch (error) {
    throw unavailable(error, options.canisterId, host);
  }
}

/**
 * CalendarSource over a calendar canister. Visitors read the given public calendars through
 * `list_public_events`; once signed in, every call is made as the user, who also sees their own calendars
 * (and can edit those they own or were made editor of) through CanisterCalendarSource.
 */
export class CanisterConnection implements CalendarSource {
  private readonly publicSource: CanisterCalendarSource;
  private readonly userSource: CanisterCalendarSource | undefined;

  constructor(
    private readonly target: { canisterId: string; host: string },
    private readonly calendarIds: string[],
    private readonly anonymous: CalendarService,
    private readonly signedIn: { actor: CalendarService; principal: string } | null,
  ) {
    this.publicSource = new CanisterCalendarSource(
      publicReads(anonymous, NOT_SIGNED_IN),
      async () => null,
    );
    this.userSource = signedIn
      ? new CanisterCalendarSource(signedIn.actor, async () => signedIn.principal)
      : undefined;
  }

  /** The signed-in user's actor (for calls beyond the CalendarSource contract), or null for visitors. */
  get actor(): CalendarService | null {
    return this.signedIn?.actor ?? null;
  }

  async principal(): Promise<string | null> {
    return this.signedIn?.principal ?? null;
  }

  getCalendars(): Promise<CalendarInfo[]> {
    return this.guard(async () => {
      const actor = this.signedIn?.actor ?? this.anonymous;
      const mine = this.userSource ? await this.userSource.getCalendars() : [];
      const named = await Promise.all(
        this.calendarIds
          .filter((id) => !mine.some((calendar) => calendar.id === id))
          .map(async (id) => calendarInfo(ok(await actor.get_calendar(id)))),
      );
      return [...named, ...mine];
    });
  }

  listOccurrences(calendarIds: string[], range: TimeRange): Promise<Occurrence[]> {
    return this.guard(async () => {
      if (this.userSource) return this.userSource.listOccurrences(calendarIds, range);
      const lists = await Promise.all(
        calendarIds.map((id) => this.publicSource.listOccurrences([id], range)),
      );
      return lists.flat().sort((a, b) => a.start - b.start);
    });
  }

  createEvent(input: EventInput): Promise<{ eventId: string }> {
    return this.guard(() => this.writer().createEvent(input));
  }

  getEventDetails(target: OccurrenceRef): Promise<EventDetails> {
    // Visitors may read the details of events in public calendars, as they read their occurrences.
    return this.guard(() => (this.userSource ?? this.publicSource).getEventDetails(target));
  }

  updateEvent(target: OccurrenceRef, input: EventInput, scope: EditScope): Promise<void> {
    return this.guard(() => this.writer().updateEvent(target, input, scope));
  }

  deleteEvent(target: OccurrenceRef, scope: EditScope): Promise<void> {
    return this.guard(() => this.writer().deleteEvent(target, scope));
  }

  private writer(): CanisterCalendarSource {
    if (!this.userSource) throw new CalendarSourceError(NOT_SIGNED_IN);
    return this.userSource;
  }

  /** Refusals stay as the canister worded them; transport failures become CANISTER_UNAVAILABLE. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw unavailable(error, this.target.canisterId, this.target.host);
    }
  }
}

/** A transport failure as CANISTER_UNAVAILABLE (a canister's own refusal passes unchanged). */
export function unavailable(error: unknown, canisterId: string, host: string): CalendarSourceError {
  if (error instanceof CalendarSourceError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? text;
  return new CalendarSourceError({
    code: 'CANISTER_UNAVAILABLE',
    message: `Could not reach the calendar canister ${canisterId} at ${host}: ${firstLine.trim().slice(0, 200)}`,
    expected: 'a calendar canister answering at that host',
    found: firstLine.trim().slice(0, 200),
  });
}
