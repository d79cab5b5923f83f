import { calendarDomain } from './calendar-domain.ts';

/** The calendar canister's domain: one plugin value holding its stores and endpoints. */
export default [calendarDomain];
