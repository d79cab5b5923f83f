import type { CalendarActor } from './canister-calendar-source.ts';

/** The calls of the calendar canister a visitor may make, as generated bindings type them. */
interface PublicCalendarActor {
  list_public_events(
    q: Omit<Parameters<CalendarActor['list_events']>[0], 'calendar_ids'> & { calendar_id: string },
  ): ReturnType<CalendarActor['list_events']>;
  get_event: CalendarActor['get_event'];
}

/**
 * A CalendarActor for visitors: `list_events` is answered by `list_public_events` (one calendar per call,
 * which anyone may read when the calendar is public) and `get_event` as asked (the canister answers it for
 * events of public calendars only); every other call is refused with `refusal`.
 */
export function publicReads(
  actor: PublicCalendarActor,
  refusal: { code: string; message: string },
): CalendarActor {
  const refuse = async () => ({ Err: refusal });
  return {
    list_events: async ({ calendar_ids, ...window }) =>
      actor.list_public_events({ ...window, calendar_id: calendar_ids[0] ?? '' }),
    list_calendars: refuse,
    get_event: (id) => actor.get_event(id),
    create_event: refuse,
    update_event: refuse,
    delete_event: refuse,
    split_event: refuse,
  };
}
