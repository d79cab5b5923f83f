import { expandEventOccurrences } from '../calendar/domain/index.ts';
import type { NextReminder, SeriesEventData } from './notification-model.ts';

const DAY = 86_400_000;
/** Windows tried in turn: most series have an instance within a month; sparse ones within years. */
const WINDOWS = [35 * DAY, 400 * DAY, 4_000 * DAY, 40_000 * DAY];
const LIMIT = 200;

/**
 * The first reminder due strictly after `afterMs`: over the series' occurrences (RRULE, RDATE,
 * EXDATE and overrides, in the event's own time zone) and every `minutes` before each start.
 * Only a window of occurrences is expanded, never the whole series.
 */
export function nextReminder(
  event: SeriesEventData,
  minutes: number[],
  afterMs: number,
): NextReminder | undefined {
  if (minutes.length === 0) return undefined;
  const lead = Math.max(...minutes) * 60_000;
  let best: NextReminder | undefined;
  for (const span of WINDOWS) {
    const to = afterMs + span + lead;
    const occurrences = expandEventOccurrences(event, { from: afterMs, to, limit: LIMIT });
    best = undefined;
    for (const occurrence of occurrences) {
      for (const m of minutes) {
        const due = occurrence.start - m * 60_000;
        if (due > afterMs && (!best || due < best.due || (due === best.due && m > best.minutes)))
          best = { due, start: occurrence.start, minutes: m };
      }
    }
    // Occurrences not expanded start at or after `horizon`, so none of theirs is due before horizon - lead.
    const horizon = occurrences.length === LIMIT ? occurrences[LIMIT - 1]!.start : to;
    if (best && best.due <= horizon - lead) return best;
  }
  return best;
}
