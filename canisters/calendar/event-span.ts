import { localTimeToUtcMs } from './domain-bridge.ts';
import type { CalendarEvent } from './domain/index.ts';
import { CALENDAR_LIMITS, SPAN_OPEN } from './calendar-model.ts';

export interface EventSpan {
  kind: 'single' | 'series';
  startMs: number;
  endMs: number;
}

const UNTIL_PART = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?/i;

/** The UTC ms of a rule's UNTIL (read generously: a floating UNTIL is read as UTC plus a day). */
function untilMs(rrule: string): number | undefined {
  const m = UNTIL_PART.exec(rrule);
  if (!m) return undefined;
  const [, y, mo, d, h = '23', mi = '59', s = '59', z] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return z === 'Z' ? ms : ms + 86_400_000;
}

/**
 * Where an event sits on the time line, for the indexes: a short single event by its start; a
 * series (or a long event) by the span that holds every instance, expanded lazily at query time.
 */
export function eventSpan(event: CalendarEvent): EventSpan {
  const zone = event.timeZone;
  const startMs = localTimeToUtcMs(event.start, event.allDay, zone);
  const endMs = localTimeToUtcMs(event.end, event.allDay, zone);
  const recurring = event.rrule !== undefined || (event.rdates?.length ?? 0) > 0;
  if (!recurring && endMs - startMs <= CALENDAR_LIMITS.singleMaxDurationMs) {
    return { kind: 'single', startMs, endMs };
  }
  const length = endMs - startMs;
  const instants = [
    startMs,
    ...(event.rdates ?? []).map((r) => localTimeToUtcMs(r, event.allDay, zone)),
  ];
  for (const o of event.overrides) {
    if (o.start !== undefined) instants.push(localTimeToUtcMs(o.start, event.allDay, zone));
    instants.push(localTimeToUtcMs(o.recurrenceId, event.allDay, zone));
  }
  const earliest = Math.min(...instants);
  const until = event.rrule === undefined ? undefined : untilMs(event.rrule);
  if (event.rrule !== undefined && until === undefined) {
    return { kind: 'series', startMs: earliest, endMs: SPAN_OPEN };
  }
  let latest = Math.max(...instants) + length;
  for (const o of event.overrides) {
    if (o.end !== undefined) latest = Math.max(latest, localTimeToUtcMs(o.end, event.allDay, zone));
  }
  if (until !== undefined) latest = Math.max(latest, until + length);
  return { kind: 'series', startMs: earliest, endMs: latest + 86_400_000 };
}
