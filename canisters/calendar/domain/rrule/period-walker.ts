/**
 * One interface over the two kinds of FREQ period (whole local days for YEARLY…DAILY; a wall-clock
 * hour or minute for HOURLY/MINUTELY), so the expansion loop does not care which it walks.
 */
import { epochDayOf, SECONDS_PER_DAY, type CivilDateTime } from '../civil.ts';
import { utcSecondsToWall, wallToUtcSeconds, zoneTransitions } from '../tz/time-zone.ts';
import {
  pickSetPositions,
  periodFirstDay,
  periodIndexOfDay,
  planPeriods,
  wallTimesOfPeriod,
  type DayRule,
} from './period-sets.ts';
import { isSubDaily, type RecurrenceRule } from './recurrence-rule.ts';
import {
  nextSubDailyPeriod,
  planSubDaily,
  subDailyPeriodStart,
  subDailyWallTimes,
  type SubDailyRule,
} from './sub-daily-periods.ts';

export interface PeriodWalker {
  /** every wall time of period k is at or after this wall second */
  lowerWall(k: number): number;
  /** true when period k starts past the end of year 9999 */
  pastEnd(k: number): boolean;
  /** a period index at or before the first period holding an instance at or after `fromUtc` (s) */
  indexBefore(fromUtc: number): number;
  /** sorted wall seconds of period k */
  walls(k: number): number[];
  /** the next period index worth examining */
  next(k: number): number;
  /**
   * Whether period k's wall times can be counted without converting them (no two of them, nor one
   * of them and another period's, can name one instant); `horizonWall` bounds the periods asked.
   */
  countsExactly(k: number, horizonWall: number): boolean;
  /**
   * How many consecutive periods from k (each countable and entirely before `horizonWall`) can be
   * counted in one step, and their instances; undefined when the rule needs a look at each period.
   */
  countRun?(k: number, horizonWall: number): { periods: number; instances: number } | undefined;
  /**
   * A UTC second no instance of a period at or after `k` can precede, or Infinity when instances
   * of later periods always follow earlier ones (day periods: a DST gap is shorter than a day).
   */
  laterInstantsFrom(k: number): number;
}

/** Wall time = UTC + offset; offsets lie within −12 h … +14 h, so a day of margin covers every zone. */
export const WALL_MARGIN_SECONDS = 15 * 3600 + SECONDS_PER_DAY;
/** 10000-01-01: expansion stops at the end of year 9999 */
const LAST_EPOCH_DAY = epochDayOf(10_000, 1, 1);
/** longer than any DST shift, so a wall time this much before `from`'s own is before `from` */
const SHIFT_MARGIN_SECONDS = 3 * 3600;

function dayWalker(rule: DayRule, dtstart: CivilDateTime): PeriodWalker {
  const plan = planPeriods(rule, dtstart);
  return {
    lowerWall: (k) => (periodFirstDay(plan, k) - 7) * SECONDS_PER_DAY,
    pastEnd: (k) => periodFirstDay(plan, k) >= LAST_EPOCH_DAY,
    indexBefore: (fromUtc) => {
      const fromDay = Math.floor((fromUtc - WALL_MARGIN_SECONDS) / SECONDS_PER_DAY);
      return Math.max(0, periodIndexOfDay(plan, fromDay) - 1);
    },
    walls: (k) => wallTimesOfPeriod(plan, k),
    next: (k) => k + 1,
    countsExactly: () => plan.secondsOfDay.length === 1, // one time of day: distinct instants
    laterInstantsFrom: () => Infinity,
  };
}

/** Wall-second windows [gap start, gap end + gap length) of the gaps between two wall times. */
function gapWindows(zone: string, fromWall: number, toWall: number): [number, number][] {
  const margin = SECONDS_PER_DAY;
  return zoneTransitions(zone, (fromWall - margin) * 1000, (toWall + margin) * 1000)
    .filter((t) => t.offsetAfter > t.offsetBefore)
    .map((t) => {
      const start = t.at + t.offsetBefore;
      return [start, start + 2 * (t.offsetAfter - t.offsetBefore)];
    });
}

function subDailyWalker(rule: SubDailyRule, dtstart: CivilDateTime, zone: string): PeriodWalker {
  const plan = planSubDaily(rule, dtstart);
  let gaps: [number, number][] | undefined;
  // without day, hour (or, for MINUTELY, minute) limits every period holds the same instances
  const unlimited =
    rule.byMonth.length + rule.byMonthDay.length + rule.byDay.length + rule.byYearDay.length ===
      0 &&
    rule.byHour.length === 0 &&
    (rule.freq === 'HOURLY' || rule.byMinute.length === 0);
  const perPeriod = pickSetPositions(plan.offsets, rule.bySetPos).length;
  return {
    lowerWall: (k) => subDailyPeriodStart(plan, k),
    pastEnd: (k) => subDailyPeriodStart(plan, k) >= LAST_EPOCH_DAY * SECONDS_PER_DAY,
    indexBefore: (fromUtc) => {
      const wall = utcSecondsToWall(zone, fromUtc) - SHIFT_MARGIN_SECONDS;
      return Math.max(0, Math.floor((wall - plan.origin) / plan.step) - 1);
    },
    walls: (k) => subDailyWallTimes(plan, k),
    next: (k) => nextSubDailyPeriod(plan, k),
    countsExactly: (k, horizonWall) => {
      // only a wall time in a DST gap can name the instant of another (the one a gap later)
      gaps ??= gapWindows(zone, plan.origin, horizonWall);
      const start = subDailyPeriodStart(plan, k);
      return !gaps.some(([low, high]) => start + plan.unit > low && start < high);
    },
    countRun: (k, horizonWall) => {
      if (!unlimited) return undefined;
      gaps ??= gapWindows(zone, plan.origin, horizonWall);
      const start = subDailyPeriodStart(plan, k);
      let limit = horizonWall;
      for (const [low, high] of gaps) if (high > start && low < limit) limit = low;
      const periods = Math.floor((limit - plan.unit - start) / plan.step) + 1;
      return periods > 1 ? { periods, instances: periods * perPeriod } : undefined;
    },
    laterInstantsFrom: (k) => {
      // a wall time in a DST gap is read with the offset before it, which puts its instant up to
      // the gap's length after the instants of the wall times just past the gap
      const wall = subDailyPeriodStart(plan, k);
      const utc = wallToUtcSeconds(zone, wall);
      return utc - Math.max(0, utcSecondsToWall(zone, utc) - wall);
    },
  };
}

export function periodWalker(
  rule: RecurrenceRule,
  dtstart: CivilDateTime,
  zone: string,
): PeriodWalker {
  return isSubDaily(rule.freq)
    ? subDailyWalker(rule as SubDailyRule, dtstart, zone)
    : dayWalker(rule as DayRule, dtstart);
}
