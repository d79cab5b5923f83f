import { DAY_MS, isoDay, parseIsoDay } from '../model/days.ts';
import { zoneClock } from '../model/zone-clock.ts';

/** Conversions between stored instants and the values of date / datetime-local inputs. */
export function toDateTimeInput(instant: number, timeZone: string): string {
  return new Date(zoneClock(timeZone).toLocal(instant)).toISOString().slice(0, 16);
}

export function fromDateTimeInput(value: string, timeZone: string): number | undefined {
  const local = Date.parse(`${value}:00Z`);
  return Number.isNaN(local) ? undefined : zoneClock(timeZone).fromLocal(local);
}

export function toDateInput(utcMidnight: number): string {
  return isoDay(Math.floor(utcMidnight / DAY_MS));
}

export function fromDateInput(value: string): number | undefined {
  const day = parseIsoDay(value);
  return day === undefined ? undefined : day * DAY_MS;
}

export const RECURRENCE_PRESETS: { id: string; label: string; rrule?: string }[] = [
  { id: 'none', label: 'Does not repeat' },
  { id: 'daily', label: 'Every day', rrule: 'FREQ=DAILY' },
  { id: 'weekly', label: 'Every week', rrule: 'FREQ=WEEKLY' },
  { id: 'weekdays', label: 'Every weekday', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
  { id: 'monthly', label: 'Every month', rrule: 'FREQ=MONTHLY' },
  { id: 'yearly', label: 'Every year', rrule: 'FREQ=YEARLY' },
  { id: 'custom', label: 'Custom rule…' },
];

export function presetOf(rrule: string | undefined): string {
  if (!rrule) return 'none';
  return RECURRENCE_PRESETS.find((preset) => preset.rrule === rrule)?.id ?? 'custom';
}

export const REMINDER_CHOICES: { minutes: number; label: string }[] = [
  { minutes: 10, label: '10 minutes before' },
  { minutes: 30, label: '30 minutes before' },
  { minutes: 60, label: '1 hour before' },
  { minutes: 1440, label: '1 day before' },
];

export function timeZoneChoices(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The calendar canister's limits on what the dialog writes (canisters/calendar/domain/model/event-limits.ts). */
export const FIELD_LIMITS = {
  titleMaxChars: 200,
  locationMaxChars: 500,
  descriptionMaxBytes: 8 * 1024,
  maxReminders: 50,
  reminderMaxMinutes: 40_320,
} as const;

const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export interface ExtraFields {
  location: string;
  description: string;
  /** Empty: the calendar's colour. */
  color: string;
  /** Minutes before, as typed: whole numbers separated by commas or spaces. */
  otherReminders: string;
  chosenReminders: number[];
}

/**
 * Location, description, colour and reminders checked as the calendar canister checks them (lengths in
 * characters, the description in UTF-8 bytes, `#rgb`/`#rrggbb`, whole minutes 0…four weeks, at most 50):
 * the values to write, or the first problem in words.
 */
export function readExtraFields(
  fields: ExtraFields,
):
  | { location: string; description: string; color: string; reminders: number[] }
  | { problem: string } {
  const location = fields.location.trim();
  const description = fields.description.trim();
  if ([...location].length > FIELD_LIMITS.locationMaxChars) {
    return {
      problem: `The location may have at most ${FIELD_LIMITS.locationMaxChars} characters.`,
    };
  }
  if (new TextEncoder().encode(description).length > FIELD_LIMITS.descriptionMaxBytes) {
    return {
      problem: `The description may have at most ${FIELD_LIMITS.descriptionMaxBytes} bytes.`,
    };
  }
  if (fields.color !== '' && !COLOR_PATTERN.test(fields.color)) {
    return { problem: 'The colour must be #rgb or #rrggbb.' };
  }
  const typed = fields.otherReminders.split(/[\s,]+/).filter(Boolean);
  const other: number[] = [];
  for (const text of typed) {
    const minutes = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(minutes <= FIELD_LIMITS.reminderMaxMinutes)) {
      return {
        problem: `Reminders are whole minutes from 0 to ${FIELD_LIMITS.reminderMaxMinutes} before the start; found "${text}".`,
      };
    }
    other.push(minutes);
  }
  const reminders = [...new Set([...fields.chosenReminders, ...other])].sort((a, b) => a - b);
  if (reminders.length > FIELD_LIMITS.maxReminders) {
    return { problem: `An event may have at most ${FIELD_LIMITS.maxReminders} reminders.` };
  }
  // Empty strings, not absent keys: on an update an absent field keeps the stored value.
  return { location, description, color: fields.color, reminders };
}
