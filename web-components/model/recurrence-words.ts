import { formatter } from './formatters.ts';
import { parseRrule } from './recurrence.ts';

const UNIT = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' } as const;
const SUNDAY = Date.UTC(2023, 0, 1);

/**
 * A recurrence rule in words, e.g. "Every Mon, Wed, Fri until 30 Jun" or "Every 2 weeks, 5 times".
 * Weekday and date names come from Intl in `locale`; a rule outside the subset the widget reads is
 * described as "Repeats" (the canister still expands it fully).
 */
export function recurrenceInWords(rrule: string, locale: string | undefined): string {
  const rule = parseRrule(rrule);
  if ('error' in rule) return 'Repeats';
  const unit = UNIT[rule.freq];
  let text = rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`;
  if (rule.byDay?.length) {
    const weekday = formatter(locale, { weekday: 'short', timeZone: 'UTC' });
    // Monday first, Sunday last, as people list them.
    const days = [...rule.byDay].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    const names = days.map((day) => weekday.format(SUNDAY + day * 86_400_000)).join(', ');
    const weekdays = days.length === 5 && days.every((day, i) => day === i + 1);
    const list = weekdays ? 'weekday' : names;
    text = rule.interval === 1 ? `Every ${list}` : `Every ${rule.interval} weeks on ${names}`;
  }
  if (rule.count !== undefined) text += rule.count === 1 ? ', once' : `, ${rule.count} times`;
  if (rule.until !== undefined) {
    const sameYear = new Date(rule.until).getUTCFullYear() === new Date().getUTCFullYear();
    const until = formatter(locale, {
      day: 'numeric',
      month: 'short',
      ...(sameYear ? {} : { year: 'numeric' }),
      timeZone: 'UTC',
    }).format(rule.until);
    text += ` until ${until}`;
  }
  return text;
}
