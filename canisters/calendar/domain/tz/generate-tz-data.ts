/**
 * Build-time generator (Node only): reads UTC-offset history for every IANA zone that Node's ICU knows
 * (Intl.supportedValuesOf plus common aliases) and writes generated/tz-data.ts, the table the canister uses.
 *
 *   npx tsx canisters/calendar/domain/tz/generate-tz-data.ts
 *
 * Explicit transitions cover 1970-01-01 … 2037-12-31; from 2038 a zone's yearly rules (derived from
 * ICU's 2038–2065 transitions) take over. Every derived rule is verified against ICU up to 2100; a zone
 * whose rule cannot be derived keeps explicit transitions to 2100 instead (reported on stdout).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  civilOfEpochDay,
  daysInMonth,
  epochDayOf,
  SECONDS_PER_DAY,
  weekdayOfEpochDay,
} from '../civil.ts';
import {
  encodeZoneHistory,
  RULES_FROM_UTC_SECONDS,
  type YearlyRule,
  type ZoneHistory,
} from './zone-encoding.ts';
import { offsetAtUtcSeconds, ruleTransitionsOfYear } from './zone-offsets.ts';
import { ALIAS_CANDIDATES } from './alias-candidates.ts';

const START = 0; // 1970-01-01T00:00Z
const RULE_SAMPLE_END = Date.UTC(2066, 0, 1) / 1000;
const VERIFY_END = Date.UTC(2101, 0, 1) / 1000;
const STEP = 2 * SECONDS_PER_DAY;

type OffsetReader = (utcSeconds: number) => number;

function icuOffsetReader(zone: string): OffsetReader {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (utcSeconds) => {
    const match = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/.exec(format.format(utcSeconds * 1000));
    if (!match) throw new Error(`unexpected ICU output for ${zone}`);
    const [, month, day, year, hour, minute, second] = match.map(Number) as number[];
    const wall =
      epochDayOf(year!, month!, day!) * SECONDS_PER_DAY + hour! * 3600 + minute! * 60 + second!;
    return wall - utcSeconds;
  };
}

interface RawTransition {
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

function findTransitions(read: OffsetReader, from: number, to: number): RawTransition[] {
  const found: RawTransition[] = [];
  let previousTime = from;
  let previousOffset = read(from);
  for (let time = from + STEP; time <= to; time += STEP) {
    const offset = read(time);
    if (offset !== previousOffset) {
      let low = previousTime;
      let high = time; // read(low) = previousOffset, read(high) != previousOffset
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (read(middle) === previousOffset) low = middle;
        else high = middle;
      }
      found.push({ at: high, offsetBefore: previousOffset, offsetAfter: read(high) });
      // a second change inside the same step is caught by continuing from `high`
      previousTime = high;
      previousOffset = read(high);
      time = high;
      continue;
    }
    previousTime = time;
  }
  return found.filter((t) => t.at < to);
}

function deriveRules(transitions: RawTransition[], offsets: number[]): YearlyRule[] | undefined {
  const byYear = new Map<number, RawTransition[]>();
  for (const t of transitions) {
    const year = civilOfEpochDay(Math.floor(t.at / SECONDS_PER_DAY)).year;
    byYear.set(year, [...(byYear.get(year) ?? []), t]);
  }
  const years = [...byYear.keys()];
  const count = byYear.get(years[0]!)?.length ?? 0;
  if (count === 0 || years.some((y) => byYear.get(y)!.length !== count)) return undefined;
  const rules: YearlyRule[] = [];
  for (let i = 0; i < count; i++) {
    const rule = deriveOneRule(years.map((year) => byYear.get(year)![i]!));
    if (!rule) return undefined;
    rules.push({ ...rule, offsetIndex: offsets.indexOf(byYear.get(years[0]!)![i]!.offsetAfter) });
  }
  return rules;
}

function deriveOneRule(samples: RawTransition[]): Omit<YearlyRule, 'offsetIndex'> | undefined {
  for (const shiftDays of [0, 1]) {
    const points = samples.map((t) => {
      const wall = t.at + t.offsetBefore - shiftDays * SECONDS_PER_DAY;
      const epochDay = Math.floor(wall / SECONDS_PER_DAY);
      return {
        ...civilOfEpochDay(epochDay),
        weekday: weekdayOfEpochDay(epochDay),
        seconds: wall - epochDay * SECONDS_PER_DAY,
      };
    });
    const first = points[0]!;
    const consistent = points.every(
      (p) => p.month === first.month && p.weekday === first.weekday && p.seconds === first.seconds,
    );
    if (!consistent) continue;
    const base = {
      month: first.month,
      weekday: first.weekday,
      wallSecondsOfDay: first.seconds + shiftDays * SECONDS_PER_DAY,
    };
    if (points.every((p) => p.day > daysInMonth(p.year, p.month) - 7))
      return { ...base, onOrAfterDay: 'last' };
    const minDay = Math.min(...points.map((p) => p.day));
    const maxDay = Math.max(...points.map((p) => p.day));
    if (maxDay - minDay <= 6) return { ...base, onOrAfterDay: Math.max(1, maxDay - 6) };
  }
  return undefined;
}

function historyOf(zone: string, warnings: string[]): ZoneHistory {
  const read = icuOffsetReader(zone);
  const offsets: number[] = [read(START)];
  const indexOf = (offset: number): number => {
    if (!offsets.includes(offset)) offsets.push(offset);
    return offsets.indexOf(offset);
  };
  const explicit = findTransitions(read, START, RULES_FROM_UTC_SECONDS);
  const future = findTransitions(read, RULES_FROM_UTC_SECONDS - STEP, VERIFY_END).filter(
    (t) => t.at >= RULES_FROM_UTC_SECONDS,
  );
  for (const t of [...explicit, ...future]) indexOf(t.offsetAfter);
  const history: ZoneHistory = {
    offsets,
    transitionTimes: explicit.map((t) => t.at),
    transitionOffsetIndexes: explicit.map((t) => indexOf(t.offsetAfter)),
    rules: [],
  };
  if (future.length === 0) return history;
  const rules = deriveRules(
    future.filter((t) => t.at < RULE_SAMPLE_END),
    offsets,
  );
  if (rules && verifyRules({ ...history, rules }, future)) return { ...history, rules };
  warnings.push(
    `${zone}: no yearly rule fits ICU after 2037, kept ${future.length} explicit transitions to 2100`,
  );
  return {
    ...history,
    transitionTimes: [...history.transitionTimes, ...future.map((t) => t.at)],
    transitionOffsetIndexes: [
      ...history.transitionOffsetIndexes,
      ...future.map((t) => indexOf(t.offsetAfter)),
    ],
  };
}

function verifyRules(history: ZoneHistory, expected: RawTransition[]): boolean {
  const predicted: number[] = [];
  for (let year = 2038; year <= 2100; year++) {
    for (const t of ruleTransitionsOfYear(history, year)) predicted.push(t.at);
  }
  const actual = expected.map((t) => t.at);
  return (
    predicted.length === actual.length &&
    predicted.every((at, i) => at === actual[i]) &&
    offsetAtUtcSeconds(history, RULES_FROM_UTC_SECONDS) ===
      offsetAtUtcSeconds({ ...history, rules: [] }, RULES_FROM_UTC_SECONDS)
  );
}

function main(): void {
  const started = Date.now();
  const warnings: string[] = [];
  const canonicalNames = Intl.supportedValuesOf('timeZone');
  const encodedByName = new Map<string, string>();
  for (const zone of canonicalNames)
    encodedByName.set(zone, encodeZoneHistory(historyOf(zone, warnings)));

  const aliasTargets = new Map<string, string>();
  for (const alias of ALIAS_CANDIDATES) {
    if (encodedByName.has(alias)) continue;
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: alias }).resolvedOptions().timeZone;
    } catch {
      warnings.push(`${alias}: not known to this ICU, skipped`);
      continue;
    }
    if (!encodedByName.has(resolved))
      encodedByName.set(resolved, encodeZoneHistory(historyOf(resolved, warnings)));
    if (alias !== resolved) aliasTargets.set(alias, resolved);
  }

  // Zones with identical data are stored once; the others become links to the first name holding it.
  const zones: [string, string][] = [];
  const links: [string, string][] = [];
  const firstNameByData = new Map<string, string>();
  for (const [name, data] of [...encodedByName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const owner = firstNameByData.get(data);
    if (owner) links.push([name, owner]);
    else {
      firstNameByData.set(data, name);
      zones.push([name, data]);
    }
  }
  for (const [alias, target] of aliasTargets) {
    if (!encodedByName.has(alias))
      links.push([alias, firstNameByData.get(encodedByName.get(target)!)!]);
  }
  links.sort(([a], [b]) => (a < b ? -1 : 1));

  const quote = (text: string): string => JSON.stringify(text).replace(/"/g, "'");
  const source =
    `// GENERATED FILE — do not edit. Produced by canisters/calendar/domain/tz/generate-tz-data.ts\n` +
    `// from Node ${process.versions.node} ICU ${process.versions.icu} (tz ${process.versions.tz}).\n` +
    `// Format: see zone-encoding.ts.\n\n` +
    `export const TZ_DATA_SOURCE = { icu: '${process.versions.icu}', tz: '${process.versions.tz}' } as const;\n\n` +
    `export const TZ_ZONES: Readonly<Record<string, string>> = {\n` +
    zones.map(([name, data]) => `  ${quote(name)}: ${quote(data)},\n`).join('') +
    `};\n\n/** alias or identical zone → the zone in TZ_ZONES holding its data */\n` +
    `export const TZ_LINKS: Readonly<Record<string, string>> = {\n` +
    links.map(([name, target]) => `  ${quote(name)}: ${quote(target)},\n`).join('') +
    `};\n`;
  const target = join(dirname(fileURLToPath(import.meta.url)), 'generated', 'tz-data.ts');
  writeFileSync(target, source);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  console.log(
    `tz data: ${zones.length} zones with own data, ${links.length} links, ` +
      `${zones.filter(([, d]) => !d.endsWith('|')).length} with yearly rules; ` +
      `${source.length} bytes (${(source.length / 1024).toFixed(1)} KiB) written to ${target} in ${Date.now() - started} ms`,
  );
}

main();
