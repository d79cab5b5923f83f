/**
 * Windowed, lazy expansion of an RRULE in the event's own time zone: the rule runs on local wall-clock
 * time (a 09:00 Europe/Berlin meeting stays 09:00 across DST) and each instance is converted to UTC.
 * Without COUNT the iteration jumps straight to the period containing `from`; with COUNT it counts
 * from DTSTART (cheaply, period by period). Every loop is bounded by `maxIterations`.
 */
import {
  civilOfWallSeconds,
  epochDayOf,
  SECONDS_PER_DAY,
  wallSecondsOf,
  type CivilDateTime,
} from '../civil.ts';
import { DomainError } from '../errors.ts';
import { wallToUtcSeconds, assertKnownTimeZone } from '../tz/time-zone.ts';
import { parseRecurrenceRule } from './parse-rrule.ts';
import { periodWalker, WALL_MARGIN_SECONDS } from './period-walker.ts';
import type { RecurrenceRule } from './recurrence-rule.ts';

export interface ExpandOptions {
  /** inclusive lower bound, UTC milliseconds */
  from?: number;
  /** exclusive upper bound, UTC milliseconds */
  to?: number;
  /** stop after this many instances */
  limit?: number;
  /** periods (years, months, weeks or days) examined before EXPANSION_LIMIT; default 500 000 */
  maxIterations?: number;
  /** `expand` only: more instances than this without a `limit` gives EXPANSION_LIMIT; default 10 000 */
  maxInstances?: number;
}

export interface RecurrenceInstance {
  /** start instant, UTC milliseconds */
  utcMs: number;
  /** local wall-clock start in the series' zone */
  local: CivilDateTime;
}

export const EXPANSION_DEFAULTS = { maxIterations: 500_000, maxInstances: 10_000 } as const;

function untilCheck(rule: RecurrenceRule): ((wall: number, utc: number) => boolean) | undefined {
  const until = rule.until;
  if (!until) return undefined;
  if (until.form === 'utc') {
    const limit = wallSecondsOf(until.dateTime);
    return (_wall, utc) => utc <= limit;
  }
  if (until.form === 'floating') {
    const limit = wallSecondsOf(until.dateTime);
    return (wall) => wall <= limit;
  }
  const endOfDay =
    (epochDayOf(until.date.year, until.date.month, until.date.day) + 1) * SECONDS_PER_DAY;
  return (wall) => wall < endOfDay;
}

function untilWallUpperBound(rule: RecurrenceRule): number | undefined {
  const until = rule.until;
  if (!until) return undefined;
  if (until.form === 'date')
    return (epochDayOf(until.date.year, until.date.month, until.date.day) + 1) * SECONDS_PER_DAY;
  return wallSecondsOf(until.dateTime) + (until.form === 'utc' ? WALL_MARGIN_SECONDS : 0);
}

interface Candidate {
  wall: number;
  utc: number;
}

/** Lazily yields the instances with from <= start < to, in increasing order, without duplicates. */
export function* iterateRecurrence(
  rule: RecurrenceRule,
  dtstart: CivilDateTime,
  zone: string,
  options: ExpandOptions = {},
): Generator<RecurrenceInstance, void, undefined> {
  assertKnownTimeZone(zone);
  const { from, to, limit } = options;
  if (from !== undefined && to !== undefined && from > to) {
    throw new DomainError('RANGE_INVALID', `expected from <= to, found from=${from} to=${to}`);
  }
  const maxIterations = options.maxIterations ?? EXPANSION_DEFAULTS.maxIterations;
  const walker = periodWalker(rule, dtstart, zone);
  const dtstartWall = wallSecondsOf(dtstart);
  const withinUntil = untilCheck(rule);
  const untilBound = untilWallUpperBound(rule);
  const toBound = to === undefined ? undefined : to / 1000 + WALL_MARGIN_SECONDS;

  let k = rule.count === undefined && from !== undefined ? walker.indexBefore(from / 1000) : 0;
  // With COUNT, periods that end well before `from` are only counted, not converted to UTC, where
  // that is exact (no two of their wall times can name the same instant).
  const countOnlyBelowWall =
    rule.count !== undefined && from !== undefined ? from / 1000 - WALL_MARGIN_SECONDS : -Infinity;
  let counted = 0;
  let emitted = 0;
  let lastUtc = -Infinity;
  /** converted instances not yet emitted: a DST gap can put them after a later period's instances */
  let pending: Candidate[] = [];

  /** Emits candidates in order; returns true when the expansion is complete. */
  function* emit(batch: Candidate[]): Generator<RecurrenceInstance, boolean, undefined> {
    for (const instance of batch) {
      if (instance.utc <= lastUtc) continue; // two wall times that name one instant (a DST gap) count once
      if (withinUntil && !withinUntil(instance.wall, instance.utc)) return true;
      lastUtc = instance.utc;
      counted++;
      if (rule.count !== undefined && counted > rule.count) return true;
      const utcMs = instance.utc * 1000;
      if (from !== undefined && utcMs < from) continue;
      if (to !== undefined && utcMs >= to) return true;
      yield { utcMs, local: civilOfWallSeconds(instance.wall) };
      emitted++;
      if (limit !== undefined && emitted >= limit) return true;
    }
    return false;
  }

  for (let iterations = 1; ; iterations++) {
    if (iterations > maxIterations) {
      throw new DomainError(
        'EXPANSION_LIMIT',
        `expansion examined more than ${maxIterations} ${rule.freq.toLowerCase()} periods; narrow the range or the rule`,
      );
    }
    const lowerWall = walker.lowerWall(k);
    if (
      walker.pastEnd(k) ||
      (toBound !== undefined && lowerWall > toBound) ||
      (untilBound !== undefined && lowerWall > untilBound)
    ) {
      yield* emit(pending);
      return;
    }

    const run =
      k > 0 && countOnlyBelowWall > -Infinity && walker.countsExactly(k, countOnlyBelowWall)
        ? walker.countRun?.(k, countOnlyBelowWall)
        : undefined;
    if (run !== undefined) {
      counted += run.instances;
      if (counted >= rule.count!) return;
      k += run.periods;
      continue;
    }
    let walls = walker.walls(k);
    // RFC 5545: DTSTART is always the first instance, even when the rule would not produce it
    if (k === 0 && !walls.includes(dtstartWall)) walls = [dtstartWall, ...walls];
    const nextK = walker.next(k);
    if (
      walls.length > 0 &&
      walls[walls.length - 1]! < countOnlyBelowWall &&
      walker.countsExactly(k, countOnlyBelowWall)
    ) {
      for (const wall of walls) if (wall >= dtstartWall) counted++;
      if (counted >= rule.count!) return;
      k = nextK;
      continue;
    }
    let sorted = true;
    for (const wall of walls) {
      if (wall < dtstartWall) continue;
      const utc = wallToUtcSeconds(zone, wall);
      if (pending.length > 0 && utc < pending[pending.length - 1]!.utc) sorted = false;
      pending.push({ wall, utc });
    }
    if (!sorted) pending.sort((a, b) => a.utc - b.utc); // a DST gap pushed an earlier wall time later
    const bound = walker.laterInstantsFrom(nextK);
    let ready = pending.length;
    while (ready > 0 && pending[ready - 1]!.utc >= bound) ready--;
    const batch = ready === pending.length ? pending : pending.slice(0, ready);
    pending = ready === pending.length ? [] : pending.slice(ready);
    if (yield* emit(batch)) return;
    k = nextK;
  }
}

/**
 * Eagerly expands a rule (text or parsed) into the instances with from <= start < to.
 * An unbounded request (no `to`, no `limit`, no COUNT/UNTIL) is RANGE_INVALID; more than
 * `maxInstances` results without an explicit `limit` is EXPANSION_LIMIT.
 */
export function expand(
  rule: RecurrenceRule | string,
  dtstart: CivilDateTime,
  zone: string,
  options: ExpandOptions = {},
): RecurrenceInstance[] {
  const parsed = typeof rule === 'string' ? parseRecurrenceRule(rule) : rule;
  if (
    options.to === undefined &&
    options.limit === undefined &&
    parsed.count === undefined &&
    !parsed.until
  ) {
    throw new DomainError('RANGE_INVALID', 'an endless rule needs a `to` bound or a `limit`');
  }
  const maxInstances = options.maxInstances ?? EXPANSION_DEFAULTS.maxInstances;
  const result: RecurrenceInstance[] = [];
  for (const instance of iterateRecurrence(parsed, dtstart, zone, options)) {
    if (options.limit === undefined && result.length >= maxInstances) {
      throw new DomainError(
        'EXPANSION_LIMIT',
        `more than ${maxInstances} instances in the requested range`,
      );
    }
    result.push(instance);
  }
  return result;
}
