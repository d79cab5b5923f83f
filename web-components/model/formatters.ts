import { DAY_MS } from './days.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl.DateTimeFormat: building one costs far more than using it. */
export function formatter(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** Formats a calendar day (zone-free) with the given fields. */
export function formatDay(
  day: number,
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): string {
  return formatter(locale, { ...options, timeZone: 'UTC' }).format(day * DAY_MS);
}

export function formatTime(instant: number, locale: string | undefined, timeZone: string): string {
  return formatter(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(instant);
}

/** First day of the week for a locale (0 = Sunday), from Intl.Locale week info where the browser has it. */
export function localeWeekStart(locale: string | undefined): number {
  try {
    const info = new Intl.Locale(locale ?? navigator.language) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    return firstDay === undefined ? 0 : firstDay % 7;
  } catch {
    return 0;
  }
}
