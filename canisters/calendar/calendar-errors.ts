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
  CALENDAR_READ_ONLY:
    'The calendar mirrors a subscribed feed: its events change only through the feed (unsubscribe to edit them).',
  SUBSCRIPTION_NOT_FOUND: 'The calendar is not subscribed to a feed.',
  SUBSCRIPTION_URL_REFUSED:
    'The feed URL is not https, carries credentials, or names a private, loopback or internal host.',
  SUBSCRIPTION_INVALID:
    'subscribe_calendar named a calendar that holds events (the feed would replace them): subscribe an empty one.',
  SUBSCRIPTION_BUSY:
    'refresh_subscription while a fetch is in flight or less than a minute after the last one.',
  SUBSCRIPTION_FEED_TOO_LARGE:
    'Recorded: the feed is larger than an import may be (1 000 000 characters); nothing changed.',
  SUBSCRIPTION_HTTP_ERROR:
    "Recorded: the feed's server answered an HTTP error status; nothing changed.",
  SUBSCRIPTION_FETCH_FAILED:
    'Recorded: the outcall failed (no answer, connection refused, rejected by the IC); nothing changed.',
  SUBSCRIPTION_NOT_ICS:
    'Recorded: the feed answered something other than iCalendar; nothing changed.',
} as const;

export type CalendarErrorCode = keyof typeof CALENDAR_ERROR_CODES;
