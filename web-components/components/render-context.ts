import type { Occurrence } from '../client/calendar-source.ts';

/** What every view needs to draw: display settings shared by the month grid, time grid and agenda. */
export interface RenderContext {
  locale: string | undefined;
  timeZone: string;
  weekStart: number;
  today: number;
  editable: boolean;
  /** The colour an occurrence is drawn in: its own, else its calendar's (undefined: the theme's). */
  colourOf: (occurrence: Occurrence) => string | undefined;
  /** Optional hook: returns content for an event chip (a Lit template, string or node). */
  eventContent?: (occurrence: Occurrence) => unknown;
}

export function occurrenceKey(occurrence: Occurrence): string {
  return `${occurrence.eventId}@${occurrence.recurrenceId}`;
}
