/** RRULE text → RecurrenceRule, with one RRULE_INVALID error naming the offending part. */
import { DomainError } from '../errors.ts';
import { parseIcsDateValue } from '../ics/date-values.ts';
import {
  RRULE_LIMITS,
  WEEKDAY_CODES,
  type Frequency,
  type RecurrenceRule,
  type WeekdayNumber,
} from './recurrence-rule.ts';

const SUPPORTED_FREQUENCIES: readonly string[] = [
  'YEARLY',
  'MONTHLY',
  'WEEKLY',
  'DAILY',
  'HOURLY',
  'MINUTELY',
];

const invalid = (message: string): DomainError => new DomainError('RRULE_INVALID', message);

function parseIntegerList(
  name: string,
  value: string,
  min: number,
  max: number,
  allowNegative: boolean,
): number[] {
  const items = value.split(',');
  if (items.length > RRULE_LIMITS.maxListLength)
    throw invalid(`${name} lists more than ${RRULE_LIMITS.maxListLength} values`);
  return items.map((item) => {
    if (!/^[+-]?\d{1,3}$/.test(item)) throw invalid(`${name} expects integers, found "${item}"`);
    const number = Number(item);
    const magnitude = Math.abs(number);
    if (
      (!allowNegative && number < 0) ||
      magnitude < min ||
      magnitude > max ||
      (allowNegative && number === 0)
    ) {
      const range = allowNegative ? `±${Math.max(min, 1)}…${max}` : `${min}…${max}`;
      throw invalid(`${name} values must be in ${range}, found ${item}`);
    }
    return number;
  });
}

function parseWeekday(name: string, code: string): number {
  const index = (WEEKDAY_CODES as readonly string[]).indexOf(code);
  if (index < 0) throw invalid(`${name} expects weekday codes MO…SU, found "${code}"`);
  return index;
}

function parseByDay(value: string): WeekdayNumber[] {
  const items = value.split(',');
  if (items.length > RRULE_LIMITS.maxListLength) throw invalid('BYDAY lists too many values');
  return items.map((item) => {
    const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    if (!match) throw invalid(`BYDAY expects items like MO, 2MO or -1FR, found "${item}"`);
    const weekday = parseWeekday('BYDAY', match[2]!);
    if (match[1] === undefined) return { weekday };
    const ordinal = Number(match[1]);
    if (ordinal === 0 || Math.abs(ordinal) > 53)
      throw invalid(`BYDAY ordinals must be in ±1…53, found "${item}"`);
    return { weekday, ordinal };
  });
}

function positiveInteger(name: string, value: string, max: number): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw invalid(`${name} must be a positive integer, found "${value}"`);
  const number = Number(value);
  if (number > max) throw invalid(`${name} must be at most ${max}, found ${number}`);
  return number;
}

export function parseRecurrenceRule(text: string): RecurrenceRule {
  if (text.length > RRULE_LIMITS.maxTextLength) {
    throw new DomainError(
      'RRULE_TOO_LONG',
      `RRULE text must be at most ${RRULE_LIMITS.maxTextLength} characters, found ${text.length}`,
    );
  }
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '')
    throw invalid('expected an RRULE such as "FREQ=WEEKLY;BYDAY=MO", found an empty text');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const equals = part.indexOf('=');
    if (equals <= 0 || equals === part.length - 1)
      throw invalid(`expected NAME=VALUE, found "${part}"`);
    const name = part.slice(0, equals).toUpperCase();
    if (name.startsWith('X-')) continue;
    if (parts.has(name)) throw invalid(`${name} appears more than once`);
    parts.set(name, part.slice(equals + 1).toUpperCase());
  }
  const take = (name: string): string | undefined => {
    const value = parts.get(name);
    parts.delete(name);
    return value;
  };

  const freqText = take('FREQ');
  if (freqText === undefined) throw invalid('FREQ is required');
  if (freqText === 'SECONDLY') {
    throw new DomainError(
      'RRULE_UNSUPPORTED',
      'FREQ=SECONDLY is not supported; use MINUTELY with BYSECOND',
    );
  }
  if (!SUPPORTED_FREQUENCIES.includes(freqText))
    throw invalid(
      `FREQ must be YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY, found "${freqText}"`,
    );
  const freq = freqText as Frequency;

  const intervalText = take('INTERVAL');
  const countText = take('COUNT');
  const untilText = take('UNTIL');
  const rule: RecurrenceRule = {
    freq,
    interval:
      intervalText === undefined
        ? 1
        : positiveInteger('INTERVAL', intervalText, RRULE_LIMITS.maxInterval),
    bySecond: parseList('BYSECOND', take('BYSECOND'), 0, 60, false),
    byMinute: parseList('BYMINUTE', take('BYMINUTE'), 0, 59, false),
    byHour: parseList('BYHOUR', take('BYHOUR'), 0, 23, false),
    byDay: ((value) => (value === undefined ? [] : parseByDay(value)))(take('BYDAY')),
    byMonthDay: parseList('BYMONTHDAY', take('BYMONTHDAY'), 1, 31, true),
    byYearDay: parseList('BYYEARDAY', take('BYYEARDAY'), 1, 366, true),
    byWeekNo: parseList('BYWEEKNO', take('BYWEEKNO'), 1, 53, true),
    byMonth: parseList('BYMONTH', take('BYMONTH'), 1, 12, false),
    bySetPos: parseList('BYSETPOS', take('BYSETPOS'), 1, 366, true),
    wkst: ((value) => (value === undefined ? 0 : parseWeekday('WKST', value)))(take('WKST')),
  };
  if (countText !== undefined && untilText !== undefined)
    throw invalid('COUNT and UNTIL must not both be given');
  if (countText !== undefined)
    rule.count = positiveInteger('COUNT', countText, RRULE_LIMITS.maxCount);
  if (untilText !== undefined) {
    const until = parseIcsDateValue(untilText);
    if (!until)
      throw invalid(
        `UNTIL must be a DATE or DATE-TIME like 20251231T235959Z, found "${untilText}"`,
      );
    rule.until = until;
  }
  const unknown = [...parts.keys()];
  if (unknown.length > 0) throw invalid(`unknown rule part ${unknown.join(', ')}`);
  checkCombinations(rule);
  return rule;
}

function parseList(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  negative: boolean,
): number[] {
  return value === undefined ? [] : parseIntegerList(name, value, min, max, negative);
}

function checkCombinations(rule: RecurrenceRule): void {
  const { freq } = rule;
  if (rule.byDay.some((d) => d.ordinal !== undefined)) {
    if (freq !== 'MONTHLY' && freq !== 'YEARLY')
      throw invalid(`BYDAY ordinals (like 2MO) need FREQ=MONTHLY or YEARLY, not ${freq}`);
    if (freq === 'YEARLY' && rule.byWeekNo.length > 0)
      throw invalid('BYDAY ordinals must not be combined with BYWEEKNO');
  }
  if (rule.byMonthDay.length > 0 && freq === 'WEEKLY')
    throw invalid('BYMONTHDAY must not be used with FREQ=WEEKLY');
  if (rule.byYearDay.length > 0 && (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY'))
    throw invalid(`BYYEARDAY must not be used with FREQ=${freq}`);
  if (rule.byWeekNo.length > 0 && freq !== 'YEARLY')
    throw invalid(`BYWEEKNO needs FREQ=YEARLY, not ${freq}`);
  const hasOtherBy =
    rule.bySecond.length +
      rule.byMinute.length +
      rule.byHour.length +
      rule.byDay.length +
      rule.byMonthDay.length +
      rule.byYearDay.length +
      rule.byWeekNo.length +
      rule.byMonth.length >
    0;
  if (rule.bySetPos.length > 0 && !hasOtherBy)
    throw invalid('BYSETPOS needs another BYxxx rule part');
}
