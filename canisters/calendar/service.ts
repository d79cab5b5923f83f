import { calendarDomain } from './calendar-domain.ts';
import { calendarFeed } from './feed-endpoints.ts';

/** The calendar canister's domain: its stores and endpoints, and the public .ics feed route. */
export default [calendarDomain, calendarFeed];
