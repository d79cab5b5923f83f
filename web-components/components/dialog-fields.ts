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
