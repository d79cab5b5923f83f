/** Local event times (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`) ⇄ wall seconds and UTC instants. */
import {
  civilOfWallSeconds,
  epochDayOf,
  formatDate,
  formatDateTime,
  parseDate,
  parseDateTime,
  SECONDS_PER_DAY,
  wallSecondsOf,
  type CivilDateTime,
} from '../civil.ts';
import { wallToUtcSeconds } from '../tz/time-zone.ts';

export function parseEventTime(text: string, allDay: boolean): CivilDateTime {
  if (allDay) return { ...parseDate(text), hour: 0, minute: 0, second: 0 };
  return parseDateTime(text);
}

export function formatEventTime(t: CivilDateTime, allDay: boolean): string {
  return allDay ? formatDate(t) : formatDateTime(t);
}

/** Canonical spelling (adds `:00` seconds), used to match EXDATE and RECURRENCE-ID values. */
export function normaliseEventTime(text: string, allDay: boolean): string {
  return formatEventTime(parseEventTime(text, allDay), allDay);
}

export function eventTimeToUtcMs(text: string, allDay: boolean, zone: string): number {
  return wallToUtcSeconds(zone, wallSecondsOf(parseEventTime(text, allDay))) * 1000;
}

export function wallSecondsOfEventTime(text: string, allDay: boolean): number {
  return wallSecondsOf(parseEventTime(text, allDay));
}

export function eventTimeOfWallSeconds(wall: number, allDay: boolean): string {
  return formatEventTime(civilOfWallSeconds(wall), allDay);
}

/** Whole days between two all-day dates. */
export function daysBetween(startDate: string, endDate: string): number {
  const a = parseDate(startDate);
  const b = parseDate(endDate);
  return epochDayOf(b.year, b.month, b.day) - epochDayOf(a.year, a.month, a.day);
}

export { SECONDS_PER_DAY };
