/** Occurrences of many events in one window, merged by start (the list endpoint's result). */
import { DomainError } from '../errors.ts';
import type { Occurrence } from './event-types.ts';
import {
  expandEventOccurrences,
  OCCURRENCE_DEFAULT_LIMIT,
  type OccurrenceWindow,
  type SeriesEvent,
} from './expand-event.ts';

export interface OccurrenceList {
  occurrences: Occurrence[];
  /** true when `limit` cut the list short */
  truncated: boolean;
}

/** Windows longer than this are RANGE_INVALID (ten years, in ms). */
export const MAX_WINDOW_MS = 10 * 366 * 86_400_000;

export function listOccurrences(
  events: readonly SeriesEvent[],
  window: OccurrenceWindow,
): OccurrenceList {
  if (!(window.to - window.from <= MAX_WINDOW_MS)) {
    throw new DomainError(
      'RANGE_INVALID',
      `a window spans at most ten years, found ${window.from}…${window.to}`,
    );
  }
  const limit = window.limit ?? OCCURRENCE_DEFAULT_LIMIT;
  const all: Occurrence[] = [];
  for (const event of events)
    all.push(...expandEventOccurrences(event, { ...window, limit: limit + 1 }));
  all.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return { occurrences: all.slice(0, limit), truncated: all.length > limit };
}
