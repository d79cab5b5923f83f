import type { CalendarEvent } from './domain/index.ts';

export type Visibility = 'private' | 'public';
export type ShareRole = 'reader' | 'editor';
export type Role = 'owner' | ShareRole;

/** One calendar; its id starts with the owner's principal so a user's data can move between shards. */
export interface CalendarRecord {
  id: string;
  owner: string;
  name: string;
  description?: string;
  color?: string;
  timeZone: string;
  visibility: Visibility;
  shares: { principal: string; role: ShareRole }[];
  createdAt: bigint;
  updatedAt: bigint;
  /** bumped by every change to the calendar or its events (the feed's ETag) */
  revision: number;
  /** UTC ms of the last change (the feed's Last-Modified) */
  changedMs: number;
  nextEventNumber: number;
  eventCount: number;
  /** mirrors an external .ics feed (subscription-book.ts): events change only through the feed */
  subscribed?: boolean;
}

/** One event (a single instance or a recurring series) with the instants its indexes use. */
export interface EventRecord {
  id: string;
  calendarId: string;
  /** the shard-local number of its calendar (`<owner>_c<number>`): short index keys */
  calendarNumber: number;
  owner: string;
  event: CalendarEvent;
  /** 'single': a short non-recurring event, indexed by start; 'series': indexed by span end */
  kind: 'single' | 'series';
  startMs: number;
  /** for a series: the end of its last instance, or SPAN_OPEN when the rule has no end */
  endMs: number;
  createdAt: bigint;
  updatedAt: bigint;
}

/** A share grant, keyed `<grantee>/<calendar id>`, so "calendars shared with me" is one index scan. */
export interface ShareRecord {
  grantee: string;
  calendarId: string;
  role: ShareRole;
}

export interface UserSettings {
  freeBusyVisible: boolean;
}

/**
 * Colours a new calendar gets when its owner names none, in turn by calendar number: each keeps white
 * text at WCAG AA contrast (4.5:1 or more; web-components/components/colour-contrast.test.ts checks it).
 */
export const CALENDAR_PALETTE = [
  '#1d4ed8',
  '#047857',
  '#b91c1c',
  '#7e22ce',
  '#a16207',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
] as const;

export const CALENDAR_LIMITS = {
  calendarsPerOwner: 100,
  sharesPerCalendar: 100,
  eventsPerCalendar: 100_000,
  /** longest list_events / free_busy window (one year and a day) */
  maxWindowMs: 367 * 86_400_000,
  maxPageSize: 500,
  defaultPageSize: 100,
  maxCalendarsPerQuery: 20,
  maxFreeBusyPrincipals: 20,
  /** non-recurring events longer than this are indexed as series (by span) */
  singleMaxDurationMs: 7 * 86_400_000,
  maxIcsBytes: 1_000_000,
  eraseBatch: 400,
} as const;

/** The span end of a series without UNTIL (COUNT series too: they are expanded lazily). */
export const SPAN_OPEN = 8_640_000_000_000_000;

/** The shard-local number in a calendar id `<owner>_c<number>` (-1 for a malformed id). */
export function calendarNumberOf(calendarId: string): number {
  const match = /_c(\d{1,15})$/.exec(calendarId);
  return match ? Number(match[1]) : -1;
}

export const shareKey = (grantee: string, calendarId: string) => `${grantee}/${calendarId}`;
