/** The parsed form of an RFC 5545 RRULE value (§3.3.10). */
import type { IcsDateValue } from '../ics/date-values.ts';

/** Frequencies whose period is one or more whole local days. */
export type DayFrequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';
/** Frequencies whose period is one local wall-clock hour or minute. */
export type SubDailyFrequency = 'HOURLY' | 'MINUTELY';
export type Frequency = DayFrequency | SubDailyFrequency;

export const isSubDaily = (freq: Frequency): freq is SubDailyFrequency =>
  freq === 'HOURLY' || freq === 'MINUTELY';

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface WeekdayNumber {
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** ±1…53 when given (e.g. 2MO, -1FR) */
  ordinal?: number;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: IcsDateValue;
  bySecond: number[];
  byMinute: number[];
  byHour: number[];
  byDay: WeekdayNumber[];
  byMonthDay: number[];
  byYearDay: number[];
  byWeekNo: number[];
  byMonth: number[];
  bySetPos: number[];
  /** week start, 0 = Monday (the default) */
  wkst: number;
}

export const RRULE_LIMITS = {
  /** longest RRULE text accepted */
  maxTextLength: 512,
  maxCount: 100_000,
  maxInterval: 10_000,
  /** most values in one BYxxx list */
  maxListLength: 400,
} as const;
