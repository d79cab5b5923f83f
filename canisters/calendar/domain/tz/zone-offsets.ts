/** UTC offset of a decoded zone at an instant, including the yearly rules used after 2037. */
import {
  civilOfEpochDay,
  daysInMonth,
  epochDayOf,
  SECONDS_PER_DAY,
  weekdayOfEpochDay,
} from '../civil.ts';
import {
  RULES_FROM_UTC_SECONDS,
  RULES_FROM_YEAR,
  type YearlyRule,
  type ZoneHistory,
} from './zone-encoding.ts';

export interface Transition {
  /** UTC seconds of the change */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

function ruleDayOfYear(year: number, rule: YearlyRule): number {
  if (rule.onOrAfterDay === 'last') {
    const lastDay = epochDayOf(year, rule.month, daysInMonth(year, rule.month));
    return lastDay - ((weekdayOfEpochDay(lastDay) - rule.weekday + 7) % 7);
  }
  const firstCandidate = epochDayOf(year, rule.month, rule.onOrAfterDay);
  return firstCandidate + ((rule.weekday - weekdayOfEpochDay(firstCandidate) + 7) % 7);
}

const ruleYearCache = new WeakMap<ZoneHistory, Map<number, Transition[]>>();

/** The rule-based transitions of one year, in order (memoised per zone and year). */
export function ruleTransitionsOfYear(history: ZoneHistory, year: number): Transition[] {
  let byYear = ruleYearCache.get(history);
  if (!byYear) {
    byYear = new Map();
    ruleYearCache.set(history, byYear);
  }
  let transitions = byYear.get(year);
  if (!transitions) {
    if (byYear.size > 512) byYear.clear();
    transitions = computeRuleTransitions(history, year);
    byYear.set(year, transitions);
  }
  return transitions;
}

function computeRuleTransitions(history: ZoneHistory, year: number): Transition[] {
  const { rules, offsets } = history;
  return rules.map((rule, i) => {
    const offsetBefore = offsets[rules[(i + rules.length - 1) % rules.length]!.offsetIndex]!;
    const wall = ruleDayOfYear(year, rule) * SECONDS_PER_DAY + rule.wallSecondsOfDay;
    return { at: wall - offsetBefore, offsetBefore, offsetAfter: offsets[rule.offsetIndex]! };
  });
}

/** Index of the last explicit transition at or before `utcSeconds`, or -1. */
function lastTransitionIndex(times: readonly number[], utcSeconds: number): number {
  let low = 0;
  let high = times.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (times[middle]! <= utcSeconds) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** A stretch of time [start, end) with one UTC offset. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

const lastSegment = new WeakMap<ZoneHistory, OffsetSegment>();

/** The constant-offset segment containing `utcSeconds` (the last one found is cached per zone). */
export function segmentAt(history: ZoneHistory, utcSeconds: number): OffsetSegment {
  const cached = lastSegment.get(history);
  if (cached && cached.start <= utcSeconds && utcSeconds < cached.end) return cached;
  const segment = computeSegment(history, utcSeconds);
  lastSegment.set(history, segment);
  return segment;
}

function computeSegment(history: ZoneHistory, utcSeconds: number): OffsetSegment {
  const { transitionTimes: times, transitionOffsetIndexes: indexes, offsets, rules } = history;
  if (rules.length > 0 && utcSeconds >= RULES_FROM_UTC_SECONDS) {
    const year = civilOfEpochDay(Math.floor(utcSeconds / SECONDS_PER_DAY)).year;
    const changes = [
      ...(year > RULES_FROM_YEAR ? ruleTransitionsOfYear(history, year - 1) : []),
      ...ruleTransitionsOfYear(history, year),
      ...ruleTransitionsOfYear(history, year + 1),
    ];
    let start = year > RULES_FROM_YEAR ? -Infinity : RULES_FROM_UTC_SECONDS;
    let offset = changes[0]!.offsetBefore;
    let end = Infinity;
    for (const change of changes) {
      if (change.at <= utcSeconds) {
        start = change.at;
        offset = change.offsetAfter;
      } else {
        end = change.at;
        break;
      }
    }
    return { start, end, offset };
  }
  const index = lastTransitionIndex(times, utcSeconds);
  const start = index < 0 ? -Infinity : times[index]!;
  const next = index + 1 < times.length ? times[index + 1]! : Infinity;
  const end = rules.length > 0 ? Math.min(next, RULES_FROM_UTC_SECONDS) : next;
  return { start, end, offset: offsets[index < 0 ? 0 : indexes[index]!]! };
}

export function offsetAtUtcSeconds(history: ZoneHistory, utcSeconds: number): number {
  return segmentAt(history, utcSeconds).offset;
}

/** All offset changes with fromSeconds <= at < toSeconds. */
export function transitionsBetween(
  history: ZoneHistory,
  fromSeconds: number,
  toSeconds: number,
): Transition[] {
  const result: Transition[] = [];
  const { transitionTimes, transitionOffsetIndexes, offsets } = history;
  for (
    let i = Math.max(0, lastTransitionIndex(transitionTimes, fromSeconds));
    i < transitionTimes.length;
    i++
  ) {
    const at = transitionTimes[i]!;
    if (at >= toSeconds) break;
    if (at < fromSeconds) continue;
    const offsetBefore = offsets[i === 0 ? 0 : transitionOffsetIndexes[i - 1]!]!;
    result.push({ at, offsetBefore, offsetAfter: offsets[transitionOffsetIndexes[i]!]! });
  }
  if (history.rules.length > 0 && toSeconds > RULES_FROM_UTC_SECONDS) {
    const firstYear = Math.max(
      RULES_FROM_YEAR,
      civilOfEpochDay(Math.floor(fromSeconds / SECONDS_PER_DAY)).year,
    );
    const lastYear = civilOfEpochDay(Math.floor(toSeconds / SECONDS_PER_DAY)).year;
    for (let year = firstYear; year <= lastYear; year++) {
      for (const transition of ruleTransitionsOfYear(history, year)) {
        if (
          transition.at >= fromSeconds &&
          transition.at < toSeconds &&
          transition.at >= RULES_FROM_UTC_SECONDS
        ) {
          result.push(transition);
        }
      }
    }
  }
  return result;
}
