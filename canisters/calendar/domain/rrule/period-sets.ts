/**
 * The recurrence set of one FREQ period (a year, month, week or day of local wall-clock time) before
 * DTSTART, COUNT and UNTIL are applied: BYxxx expansion/limiting by filtering the period's days, then
 * times of day, then BYSETPOS. Results are sorted, duplicate-free wall seconds.
 */
import {
  civilOfEpochDay,
  daysInMonth,
  daysInYear,
  epochDayOf,
  SECONDS_PER_DAY,
  weekdayOfEpochDay,
  type CivilDateTime,
} from '../civil.ts';
import type { DayFrequency, RecurrenceRule, WeekdayNumber } from './recurrence-rule.ts';

export type DayRule = RecurrenceRule & { freq: DayFrequency };

/** The day-level BY parts (after defaults) that decide whether a local day can hold instances. */
export interface DayLimits {
  rule: RecurrenceRule;
  byMonthDay: number[];
  byMonth: number[];
  byDay: WeekdayNumber[];
}

export interface PeriodPlan extends DayLimits {
  rule: DayRule;
  secondsOfDay: number[];
  dtstartDay: number;
  dtstart: CivilDateTime;
  /** first day of period 0 for WEEKLY; year*12+month-1 for MONTHLY; year for YEARLY; day for DAILY */
  unitOrigin: number;
}

export function planPeriods(rule: DayRule, dtstart: CivilDateTime): PeriodPlan {
  const dtstartDay = epochDayOf(dtstart.year, dtstart.month, dtstart.day);
  let { byMonthDay, byMonth, byDay } = rule;
  const noDaySelectors =
    rule.byWeekNo.length === 0 &&
    rule.byYearDay.length === 0 &&
    byMonthDay.length === 0 &&
    byDay.length === 0;
  if (noDaySelectors) {
    if (rule.freq === 'YEARLY') {
      if (byMonth.length === 0) byMonth = [dtstart.month];
      byMonthDay = [dtstart.day];
    } else if (rule.freq === 'MONTHLY') {
      byMonthDay = [dtstart.day];
    } else if (rule.freq === 'WEEKLY') {
      byDay = [{ weekday: weekdayOfEpochDay(dtstartDay) }];
    }
  }
  const hours = rule.byHour.length > 0 ? rule.byHour : [dtstart.hour];
  const minutes = rule.byMinute.length > 0 ? rule.byMinute : [dtstart.minute];
  const seconds =
    rule.bySecond.length > 0 ? rule.bySecond.map((s) => Math.min(s, 59)) : [dtstart.second];
  const secondsOfDay = new Set<number>();
  for (const h of hours)
    for (const m of minutes) for (const s of seconds) secondsOfDay.add(h * 3600 + m * 60 + s);
  return {
    rule,
    byMonthDay,
    byMonth,
    byDay,
    secondsOfDay: [...secondsOfDay].sort((a, b) => a - b),
    dtstartDay,
    dtstart,
    unitOrigin: unitIndexOfDay(rule, dtstartDay),
  };
}

function weekStartOf(epochDay: number, wkst: number): number {
  return epochDay - ((weekdayOfEpochDay(epochDay) - wkst + 7) % 7);
}

/** The FREQ unit (year, month index, week start day, day) that contains a local day. */
export function unitIndexOfDay(rule: DayRule, epochDay: number): number {
  const civil = civilOfEpochDay(epochDay);
  switch (rule.freq) {
    case 'YEARLY':
      return civil.year;
    case 'MONTHLY':
      return civil.year * 12 + civil.month - 1;
    case 'WEEKLY':
      return weekStartOf(epochDay, rule.wkst);
    case 'DAILY':
      return epochDay;
  }
}

/** Number of periods between period 0 and the period containing `epochDay` (may be negative). */
export function periodIndexOfDay(plan: PeriodPlan, epochDay: number): number {
  const units = unitIndexOfDay(plan.rule, epochDay) - plan.unitOrigin;
  const unitSize = plan.rule.freq === 'WEEKLY' ? 7 : 1;
  return Math.floor(units / (unitSize * plan.rule.interval));
}

/** First local day (epoch day) of period k; used to bound iteration. */
export function periodFirstDay(plan: PeriodPlan, k: number): number {
  const unit = plan.unitOrigin + k * plan.rule.interval * (plan.rule.freq === 'WEEKLY' ? 7 : 1);
  switch (plan.rule.freq) {
    case 'YEARLY':
      return epochDayOf(unit, 1, 1);
    case 'MONTHLY':
      return epochDayOf(Math.floor(unit / 12), (unit % 12) + 1, 1);
    case 'WEEKLY':
    case 'DAILY':
      return unit;
  }
}

/** Start of ISO-style week 1 (weeks begin on wkst; week 1 has at least 4 days of the year). */
function weekOneStart(year: number, wkst: number): number {
  return weekStartOf(epochDayOf(year, 1, 4), wkst);
}

/** Week number of a day and the number of weeks of its week-year (week 1 has at least 4 days). */
function weekNumberOf(epochDay: number, wkst: number): { week: number; weeksInYear: number } {
  const weekStart = weekStartOf(epochDay, wkst);
  const weekYear = civilOfEpochDay(weekStart + 3).year;
  const firstWeek = weekOneStart(weekYear, wkst);
  return {
    week: (weekStart - firstWeek) / 7 + 1,
    weeksInYear: (weekOneStart(weekYear + 1, wkst) - firstWeek) / 7,
  };
}

function matchesSigned(values: number[], position: number, total: number): boolean {
  for (const value of values) if (value === position || value === position - total - 1) return true;
  return false;
}

function matchesByDay(
  byDay: WeekdayNumber[],
  epochDay: number,
  scopeFirstDay: number,
  scopeLastDay: number,
): boolean {
  const weekday = weekdayOfEpochDay(epochDay);
  for (const entry of byDay) {
    if (entry.weekday !== weekday) continue;
    if (entry.ordinal === undefined) return true;
    const nthFromStart = Math.floor((epochDay - scopeFirstDay) / 7) + 1;
    const nthFromEnd = Math.floor((scopeLastDay - epochDay) / 7) + 1;
    if (entry.ordinal > 0 ? entry.ordinal === nthFromStart : -entry.ordinal === nthFromEnd)
      return true;
  }
  return false;
}

function acceptCivilDay(
  plan: DayLimits,
  epochDay: number,
  year: number,
  month: number,
  day: number,
  ordinalScope: 'month' | 'year' | 'none',
): boolean {
  const { byMonthDay, byDay, rule } = plan;
  const monthLength = daysInMonth(year, month);
  if (byMonthDay.length > 0 && !matchesSigned(byMonthDay, day, monthLength)) return false;
  if (rule.byYearDay.length > 0) {
    const dayOfYear = epochDay - epochDayOf(year, 1, 1) + 1;
    if (!matchesSigned(rule.byYearDay, dayOfYear, daysInYear(year))) return false;
  }
  if (byDay.length === 0) return true;
  if (ordinalScope === 'month') {
    const monthStart = epochDay - day + 1;
    return matchesByDay(byDay, epochDay, monthStart, monthStart + monthLength - 1);
  }
  if (ordinalScope === 'year') {
    const yearStart = epochDayOf(year, 1, 1);
    return matchesByDay(byDay, epochDay, yearStart, yearStart + daysInYear(year) - 1);
  }
  return matchesByDay(byDay, epochDay, epochDay, epochDay);
}

/** Whether a local day passes BYMONTH, BYMONTHDAY, BYYEARDAY and (ordinal-free) BYDAY. */
export function dayPassesLimits(limits: DayLimits, epochDay: number): boolean {
  const civil = civilOfEpochDay(epochDay);
  if (limits.byMonth.length > 0 && !limits.byMonth.includes(civil.month)) return false;
  return acceptCivilDay(limits, epochDay, civil.year, civil.month, civil.day, 'none');
}

/** Candidate local days of period k (sorted epoch days). */
function daysOfPeriod(plan: PeriodPlan, k: number): number[] {
  const { rule, byMonth } = plan;
  const firstDay = periodFirstDay(plan, k);
  const days: number[] = [];
  const monthAllowed = (month: number): boolean => byMonth.length === 0 || byMonth.includes(month);

  const acceptDay = (epochDay: number, ordinalScope: 'month' | 'year' | 'none'): boolean => {
    const civil = civilOfEpochDay(epochDay);
    if (!monthAllowed(civil.month)) return false;
    return acceptCivilDay(plan, epochDay, civil.year, civil.month, civil.day, ordinalScope);
  };

  switch (rule.freq) {
    case 'DAILY':
      if (acceptDay(firstDay, 'none')) days.push(firstDay);
      break;
    case 'WEEKLY':
      for (let day = firstDay; day < firstDay + 7; day++)
        if (acceptDay(day, 'none')) days.push(day);
      break;
    case 'MONTHLY': {
      const civil = civilOfEpochDay(firstDay);
      if (!monthAllowed(civil.month)) break;
      const length = daysInMonth(civil.year, civil.month);
      for (let day = firstDay; day < firstDay + length; day++)
        if (acceptDay(day, 'month')) days.push(day);
      break;
    }
    case 'YEARLY': {
      const year = civilOfEpochDay(firstDay).year;
      if (rule.byWeekNo.length > 0) {
        // the calendar year's days, each numbered in its own week-year (early January may be in the
        // previous year's last week, late December in the next year's week 1)
        const first = epochDayOf(year, 1, 1);
        const last = epochDayOf(year, 12, 31);
        for (let day = first; day <= last; day++) {
          const { week, weeksInYear } = weekNumberOf(day, rule.wkst);
          if (matchesSigned(rule.byWeekNo, week, weeksInYear) && acceptDay(day, 'none'))
            days.push(day);
        }
      } else {
        const scope = byMonth.length > 0 ? 'month' : 'year';
        for (let month = 1; month <= 12; month++) {
          if (!monthAllowed(month)) continue;
          const monthStart = epochDayOf(year, month, 1);
          const length = daysInMonth(year, month);
          for (let day = 1; day <= length; day++) {
            if (acceptCivilDay(plan, monthStart + day - 1, year, month, day, scope))
              days.push(monthStart + day - 1);
          }
        }
      }
      break;
    }
  }
  return days;
}

/** Sorted, duplicate-free wall seconds of period k after BYSETPOS. */
export function wallTimesOfPeriod(plan: PeriodPlan, k: number): number[] {
  const times: number[] = [];
  for (const day of daysOfPeriod(plan, k)) {
    for (const secondOfDay of plan.secondsOfDay) times.push(day * SECONDS_PER_DAY + secondOfDay);
  }
  return pickSetPositions(times, plan.rule.bySetPos);
}

/** BYSETPOS: the sorted, duplicate-free picks of a period's sorted wall times (all when none). */
export function pickSetPositions(times: number[], setPos: number[]): number[] {
  if (setPos.length === 0) return times;
  const picked = new Set<number>();
  for (const position of setPos) {
    const index = position > 0 ? position - 1 : times.length + position;
    if (index >= 0 && index < times.length) picked.add(times[index]!);
  }
  return [...picked].sort((a, b) => a - b);
}
