/**
 * VTIMEZONE components generated from the tz table (RFC 5545 §3.6.5): a baseline observance, the
 * explicit offset changes from the year before the first event, and — for zones that still change
 * every year — one RRULE observance per yearly change from the year the current rule began.
 */
import { civilOfWallSeconds, epochDayOf, SECONDS_PER_DAY } from '../civil.ts';
import { zoneHistoryOf } from '../tz/time-zone.ts';
import { RULES_FROM_YEAR, type YearlyRule, type ZoneHistory } from '../tz/zone-encoding.ts';
import {
  offsetAtUtcSeconds,
  ruleTransitionsOfYear,
  transitionsBetween,
  type Transition,
} from '../tz/zone-offsets.ts';
import { formatIcsDateTime } from './date-values.ts';
import { WEEKDAY_CODES } from '../rrule/recurrence-rule.ts';

const yearStart = (year: number): number => epochDayOf(year, 1, 1) * SECONDS_PER_DAY;

export function formatUtcOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hhmm = `${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
  return `${sign}${hhmm}${abs % 60 ? pad(abs % 60) : ''}`;
}

/** First year from which the zone's explicit transitions equal its yearly rules (2038 if none do). */
function ruleStartYear(history: ZoneHistory): number {
  let year = RULES_FROM_YEAR;
  const explicitOnly = { ...history, rules: [] };
  while (year > 1971) {
    const candidate = year - 1;
    const expected = ruleTransitionsOfYear(history, candidate);
    const actual = transitionsBetween(explicitOnly, yearStart(candidate), yearStart(candidate + 1));
    const same =
      expected.length === actual.length &&
      expected.every(
        (t, i) =>
          t.at === actual[i]!.at &&
          t.offsetAfter === actual[i]!.offsetAfter &&
          t.offsetBefore === actual[i]!.offsetBefore,
      );
    if (!same) break;
    year = candidate;
  }
  return year;
}

function ruleAsRrule(rule: YearlyRule): string {
  const weekday = WEEKDAY_CODES[rule.weekday];
  if (rule.onOrAfterDay === 'last') return `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=-1${weekday}`;
  if ((rule.onOrAfterDay - 1) % 7 === 0)
    return `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=${(rule.onOrAfterDay - 1) / 7 + 1}${weekday}`;
  const days = Array.from({ length: 7 }, (_, i) => (rule.onOrAfterDay as number) + i).filter(
    (d) => d <= 31,
  );
  return `FREQ=YEARLY;BYMONTH=${rule.month};BYMONTHDAY=${days.join(',')};BYDAY=${weekday}`;
}

function observance(transition: Transition, rrule?: string): string[] {
  const kind = transition.offsetAfter > transition.offsetBefore ? 'DAYLIGHT' : 'STANDARD';
  const wallBefore = civilOfWallSeconds(transition.at + transition.offsetBefore);
  return [
    `BEGIN:${kind}`,
    `DTSTART:${formatIcsDateTime(wallBefore, false)}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    `TZOFFSETFROM:${formatUtcOffset(transition.offsetBefore)}`,
    `TZOFFSETTO:${formatUtcOffset(transition.offsetAfter)}`,
    `END:${kind}`,
  ];
}

/** Unfolded content lines of a VTIMEZONE valid from `fromYear` on. */
export function buildVTimezone(zone: string, fromYear: number): string[] {
  const history = zoneHistoryOf(zone);
  const start = yearStart(Math.max(1970, fromYear - 1));
  const rulesUsable =
    history.rules.length > 0 && history.rules.every((r) => r.wallSecondsOfDay < SECONDS_PER_DAY);
  const rulesFrom = rulesUsable ? Math.max(ruleStartYear(history), fromYear - 1, 1970) : Infinity;
  const explicitEnd = rulesUsable ? yearStart(rulesFrom) : yearStart(RULES_FROM_YEAR);
  const explicit = transitionsBetween({ ...history, rules: [] }, start, explicitEnd);
  const offsetAtStart = offsetAtUtcSeconds(history, start);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  lines.push(
    'BEGIN:STANDARD',
    `DTSTART:${formatIcsDateTime(civilOfWallSeconds(start + offsetAtStart), false)}`,
    `TZOFFSETFROM:${formatUtcOffset(offsetAtStart)}`,
    `TZOFFSETTO:${formatUtcOffset(offsetAtStart)}`,
    'END:STANDARD',
  );
  for (const transition of explicit) lines.push(...observance(transition));
  if (rulesUsable) {
    const firstYearTransitions = ruleTransitionsOfYear(history, rulesFrom);
    history.rules.forEach((rule, i) =>
      lines.push(...observance(firstYearTransitions[i]!, ruleAsRrule(rule))),
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
