/** RecurrenceRule → canonical RRULE text (parts in a fixed order; defaults left out). */
import { formatIcsDateValue } from '../ics/date-values.ts';
import { WEEKDAY_CODES, type RecurrenceRule } from './recurrence-rule.ts';

export function formatRecurrenceRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.until) parts.push(`UNTIL=${formatIcsDateValue(rule.until)}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  const list = (name: string, values: number[]): void => {
    if (values.length > 0) parts.push(`${name}=${values.join(',')}`);
  };
  list('BYSECOND', rule.bySecond);
  list('BYMINUTE', rule.byMinute);
  list('BYHOUR', rule.byHour);
  if (rule.byDay.length > 0) {
    parts.push(
      `BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${WEEKDAY_CODES[d.weekday]}`).join(',')}`,
    );
  }
  list('BYMONTHDAY', rule.byMonthDay);
  list('BYYEARDAY', rule.byYearDay);
  list('BYWEEKNO', rule.byWeekNo);
  list('BYMONTH', rule.byMonth);
  list('BYSETPOS', rule.bySetPos);
  if (rule.wkst !== 0) parts.push(`WKST=${WEEKDAY_CODES[rule.wkst]}`);
  return parts.join(';');
}
