import { DAY_MS } from '../model/days.ts';
import type { ZoneClock } from '../model/zone-clock.ts';
import type { Occurrence } from '../client/calendar-source.ts';

/** First and last calendar day (inclusive) an occurrence touches when shown in `clock`'s zone. */
export function daySpan(occurrence: Occurrence, clock: ZoneClock): { first: number; last: number } {
  if (occurrence.allDay) {
    const first = Math.floor(occurrence.start / DAY_MS);
    return { first, last: Math.max(first, Math.ceil(occurrence.end / DAY_MS) - 1) };
  }
  const first = clock.dayOf(occurrence.start);
  const last = occurrence.end > occurrence.start ? clock.dayOf(occurrence.end - 1) : first;
  return { first, last: Math.max(first, last) };
}
