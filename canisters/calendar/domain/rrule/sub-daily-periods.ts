/**
 * The recurrence set of one HOURLY or MINUTELY period (RFC 5545 §3.3.10): a local wall-clock hour or
 * minute on the grid DTSTART + k·INTERVAL. BYMONTH, BYYEARDAY, BYMONTHDAY, BYDAY and BYHOUR (and
 * BYMINUTE for MINUTELY) limit; BYMINUTE (HOURLY) and BYSECOND expand; BYSETPOS picks within the
 * period. A rejected period names the next period worth examining, so sparse rules skip whole days.
 */
import { SECONDS_PER_DAY, wallSecondsOf, type CivilDateTime } from '../civil.ts';
import { dayPassesLimits, pickSetPositions, type DayLimits } from './period-sets.ts';
import type { RecurrenceRule, SubDailyFrequency } from './recurrence-rule.ts';

export type SubDailyRule = RecurrenceRule & { freq: SubDailyFrequency };

export interface SubDailyPlan {
  limits: DayLimits;
  /** seconds of one FREQ unit: 3600 or 60 */
  unit: number;
  /** seconds between period starts */
  step: number;
  /** wall seconds of period 0's start (DTSTART truncated to the unit) */
  origin: number;
  /** offsets (seconds) of the instances inside one period, sorted */
  offsets: number[];
}

export function planSubDaily(rule: SubDailyRule, dtstart: CivilDateTime): SubDailyPlan {
  const unit = rule.freq === 'HOURLY' ? 3600 : 60;
  const seconds =
    rule.bySecond.length > 0 ? rule.bySecond.map((s) => Math.min(s, 59)) : [dtstart.second];
  const minutes =
    rule.freq === 'MINUTELY' ? [0] : rule.byMinute.length > 0 ? rule.byMinute : [dtstart.minute];
  const offsets = new Set<number>();
  for (const m of minutes) for (const s of seconds) offsets.add(m * 60 + s);
  return {
    limits: { rule, byMonth: rule.byMonth, byMonthDay: rule.byMonthDay, byDay: rule.byDay },
    unit,
    step: unit * rule.interval,
    origin: Math.floor(wallSecondsOf(dtstart) / unit) * unit,
    offsets: [...offsets].sort((a, b) => a - b),
  };
}

export const subDailyPeriodStart = (plan: SubDailyPlan, k: number): number =>
  plan.origin + k * plan.step;

/** The earliest wall second >= `start` that can pass the day, hour and minute limits. */
function nextPassingWall(plan: SubDailyPlan, start: number): number {
  const { rule } = plan.limits;
  const day = Math.floor(start / SECONDS_PER_DAY);
  const dayStart = day * SECONDS_PER_DAY;
  if (!dayPassesLimits(plan.limits, day)) return dayStart + SECONDS_PER_DAY;
  const secondOfDay = start - dayStart;
  const hour = Math.floor(secondOfDay / 3600);
  if (rule.byHour.length > 0 && !rule.byHour.includes(hour)) {
    const later = rule.byHour.filter((h) => h > hour);
    return later.length > 0 ? dayStart + Math.min(...later) * 3600 : dayStart + SECONDS_PER_DAY;
  }
  if (rule.freq === 'MINUTELY' && rule.byMinute.length > 0) {
    const hourStart = dayStart + hour * 3600;
    const minute = Math.floor((start - hourStart) / 60);
    if (!rule.byMinute.includes(minute)) {
      const later = rule.byMinute.filter((m) => m > minute);
      return later.length > 0 ? hourStart + Math.min(...later) * 60 : hourStart + 3600;
    }
  }
  return start;
}

/** Sorted wall seconds of period k after BYSETPOS (empty when a limit rejects the period). */
export function subDailyWallTimes(plan: SubDailyPlan, k: number): number[] {
  const start = subDailyPeriodStart(plan, k);
  if (nextPassingWall(plan, start) !== start) return [];
  return pickSetPositions(
    plan.offsets.map((offset) => start + offset),
    plan.limits.rule.bySetPos,
  );
}

/** The next period after k whose start can pass the limits (skips rejected days and hours). */
export function nextSubDailyPeriod(plan: SubDailyPlan, k: number): number {
  let next = k + 1;
  // each round moves the start to a later passing candidate; the grid may miss it, so repeat a few
  // times here and leave the rest to the caller's iteration budget
  for (let round = 0; round < 64; round++) {
    const start = subDailyPeriodStart(plan, next);
    const passing = nextPassingWall(plan, start);
    if (passing === start) return next;
    next = Math.max(next + 1, Math.ceil((passing - plan.origin) / plan.step));
  }
  return next;
}
