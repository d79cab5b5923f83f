/** RFC 5545 DATE (`19970714`) and DATE-TIME (`19970714T133000[Z]`) value forms. */
import { isValidCivilDate, type CivilDate, type CivilDateTime } from '../civil.ts';

export type IcsDateValue =
  | { form: 'date'; date: CivilDate }
  | { form: 'utc'; dateTime: CivilDateTime }
  | { form: 'floating'; dateTime: CivilDateTime };

const VALUE_PATTERN = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/** Parses a DATE or DATE-TIME value; returns undefined when the text is not one. */
export function parseIcsDateValue(text: string): IcsDateValue | undefined {
  const match = VALUE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCivilDate(date.year, date.month, date.day)) return undefined;
  if (match[4] === undefined) return { form: 'date', date };
  const dateTime = {
    ...date,
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6]),
  };
  // second 60 (leap second) is allowed by the RFC; it is read as 59
  if (dateTime.hour > 23 || dateTime.minute > 59 || dateTime.second > 60) return undefined;
  if (dateTime.second === 60) dateTime.second = 59;
  return match[7] === 'Z' ? { form: 'utc', dateTime } : { form: 'floating', dateTime };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function formatIcsDate(date: CivilDate): string {
  return `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}`;
}

export function formatIcsDateTime(t: CivilDateTime, utc: boolean): string {
  return `${formatIcsDate(t)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}${utc ? 'Z' : ''}`;
}

export function formatIcsDateValue(value: IcsDateValue): string {
  return value.form === 'date'
    ? formatIcsDate(value.date)
    : formatIcsDateTime(value.dateTime, value.form === 'utc');
}
