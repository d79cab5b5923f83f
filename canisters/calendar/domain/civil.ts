/**
 * Proleptic Gregorian calendar arithmetic on plain numbers (no Date, no Intl).
 * "Epoch days" count days since 1970-01-01; "wall seconds" are local
 * wall-clock date-times encoded as if they were UTC seconds.
 */
import { DomainError } from './errors.ts';

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export interface CivilDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

export const SECONDS_PER_DAY = 86_400;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/**
 * Days since 1970-01-01 of a civil date (era-based algorithm). Years 1…9999 keep every intermediate
 * value positive and small, so `| 0` replaces Math.floor (much cheaper in QuickJS).
 */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = (((153 * shiftedMonth + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function civilOfEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719_468;
  const era = (z / 146_097) | 0;
  const dayOfEra = z - era * 146_097;
  const yearOfEra =
    ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) /
      365) |
    0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const shiftedMonth = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * shiftedMonth + 2) / 5) | 0) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday (ISO order, matching RFC 5545 weekday lists). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

export function wallSecondsOf(t: CivilDateTime): number {
  return (
    epochDayOf(t.year, t.month, t.day) * SECONDS_PER_DAY + t.hour * 3600 + t.minute * 60 + t.second
  );
}

export function civilOfWallSeconds(wallSeconds: number): CivilDateTime {
  const epochDay = Math.floor(wallSeconds / SECONDS_PER_DAY);
  const secondOfDay = wallSeconds - epochDay * SECONDS_PER_DAY;
  const date = civilOfEpochDay(epochDay);
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: (secondOfDay / 3600) | 0,
    minute: ((secondOfDay % 3600) / 60) | 0,
    second: secondOfDay % 60,
  };
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** `YYYY-MM-DD` */
export function formatDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` (local, no offset) */
export function formatDateTime(t: CivilDateTime): string {
  return `${formatDate(t)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseDate(text: string): CivilDate {
  const match = DATE_PATTERN.exec(text);
  if (!match) throw new DomainError('DATE_INVALID', `expected a date YYYY-MM-DD, found "${text}"`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCivilDate(date.year, date.month, date.day)) {
    throw new DomainError('DATE_INVALID', `"${text}" is not a calendar date`);
  }
  return date;
}

/** Parses a local date-time `YYYY-MM-DDTHH:MM[:SS]` (no zone suffix). */
export function parseDateTime(text: string): CivilDateTime {
  const match = DATE_TIME_PATTERN.exec(text);
  if (!match)
    throw new DomainError(
      'DATE_INVALID',
      `expected a local date-time YYYY-MM-DDTHH:MM:SS, found "${text}"`,
    );
  const t = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6] ?? '0'),
  };
  if (!isValidCivilDate(t.year, t.month, t.day) || t.hour > 23 || t.minute > 59 || t.second > 59) {
    throw new DomainError('DATE_INVALID', `"${text}" is not a valid date-time`);
  }
  return t;
}
