/**
 * Codes the calendar canister returns in `Err` besides the domain's (TZ_UNKNOWN, DATE_INVALID,
 * RRULE_*, EXPANSION_LIMIT, RANGE_INVALID, EVENT_INVALID, ICS_MALFORMED) and core's AUTH_* codes.
 * README.md documents them; a test keeps both equal.
 */
export const CALENDAR_ERROR_CODES = {
  CALENDAR_NOT_FOUND: 'No calendar with that id, or the caller may not read it.',
  CALENDAR_FORBIDDEN:
    'The caller may read the calendar but not do this (a reader editing, an editor sharing).',
  CALENDAR_LIMIT:
    'A per-owner or per-calendar count limit would be exceeded (calendars, shares, events).',
  CALENDAR_INVALID_SHARE: 'A share names the owner or the anonymous principal.',
  EVENT_NOT_FOUND: 'No event with that id in a calendar the caller may read.',
  EVENT_CONFLICT:
    'update_event was given a sequence that is not the stored one: someone edited the event since.',
  OCCURRENCE_NOT_FOUND: 'The recurrence id names no instance of the series.',
  QUERY_INVALID:
    'A list or free/busy query breaks a limit (window, page size, calendar count, cursor).',
  ERASE_FORBIDDEN:
    'erase_user_data was called by a principal other than the configured user registry.',
  CALENDAR_MOVING:
    "The owner's calendars are being moved to another shard: writes wait until the move ends.",
  CALENDAR_MOVED:
    "The owner's calendars moved to the shard the message names: ask the load balancer's route again.",
  MOVE_INVALID:
    'A move call came out of order: no move started, another move under way, or the target holds the user.',
} as const;

export type CalendarErrorCode = keyof typeof CALENDAR_ERROR_CODES;
