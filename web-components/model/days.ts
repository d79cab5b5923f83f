/** Calendar days as whole numbers: days since 1970-01-01 (a "epoch day"), free of any time zone. */
export const DAY_MS = 86_400_000;

export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function ymdOf(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` (a longer ISO string keeps only its date); returns undefined when it is not one. */
export function parseIsoDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!match) return undefined;
  return dayFromYmd(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function startOfWeek(day: number, weekStart: number): number {
  return day - ((weekdayOf(day) - weekStart + 7) % 7);
}

export function startOfMonth(day: number): number {
  const { year, month } = ymdOf(day);
  return dayFromYmd(year, month, 1);
}

/** Same day of month `delta` months away, clamped to the target month's length (Jan 31 + 1 → Feb 28). */
export function addMonths(day: number, delta: number): number {
  const { year, month, day: dom } = ymdOf(day);
  const firstOfTarget = dayFromYmd(year, month + delta, 1);
  const target = ymdOf(firstOfTarget);
  const length = dayFromYmd(target.year, target.month + 1, 1) - firstOfTarget;
  return firstOfTarget + Math.min(dom, length) - 1;
}

/** ISO 8601 week number (weeks start on Monday, week 1 holds the first Thursday). */
export function isoWeekNumber(day: number): number {
  const thursday = day - ((weekdayOf(day) + 6) % 7) + 3;
  const { year } = ymdOf(thursday);
  return Math.floor((thursday - dayFromYmd(year, 1, 1)) / 7) + 1;
}
