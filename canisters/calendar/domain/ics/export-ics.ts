/**
 * Calendar → iCalendar text (RFC 5545): VCALENDAR with one VTIMEZONE per zone used, a VEVENT per
 * series (RRULE, EXDATE, RDATE, VALARM reminders) and one VEVENT per changed instance
 * (same UID + RECURRENCE-ID). Cancelled instances become EXDATEs. Lines end in CRLF and are folded.
 */
import { civilOfWallSeconds } from '../civil.ts';
import type { CalendarEvent, EventOverride } from '../model/event-types.ts';
import { parseEventTime, wallSecondsOfEventTime, normaliseEventTime } from '../model/event-time.ts';
import { formatIcsDate, formatIcsDateTime } from './date-values.ts';
import { formatIcsDuration } from './duration.ts';
import { formatContentLine } from './content-lines.ts';
import { escapeText } from './text-escape.ts';
import { buildVTimezone } from './vtimezone.ts';
import { wallToUtcSeconds } from '../tz/time-zone.ts';

export interface ExportOptions {
  /** calendar display name (RFC 7986 NAME and X-WR-CALNAME) */
  name?: string;
  prodId?: string;
  /** DTSTAMP instant, UTC milliseconds (the canister passes its time) */
  now: number;
}

const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/GMT',
  'GMT',
  'Etc/Universal',
  'Etc/Zulu',
  'Universal',
  'Zulu',
]);

function utcStamp(ms: number): string {
  return formatIcsDateTime(civilOfWallSeconds(Math.floor(ms / 1000)), true);
}

type Line = [name: string, value: string, params?: Record<string, string>];

/** DTSTART/DTEND/EXDATE/RDATE/RECURRENCE-ID value and parameters for a local event time. */
function timeValue(
  event: CalendarEvent,
  local: string,
): { value: string; params: Record<string, string> } {
  if (event.allDay)
    return { value: formatIcsDate(parseEventTime(local, true)), params: { VALUE: 'DATE' } };
  if (UTC_ZONES.has(event.timeZone)) {
    const utcSeconds = wallToUtcSeconds(event.timeZone, wallSecondsOfEventTime(local, false));
    return { value: formatIcsDateTime(civilOfWallSeconds(utcSeconds), true), params: {} };
  }
  return {
    value: formatIcsDateTime(parseEventTime(local, false), false),
    params: { TZID: event.timeZone },
  };
}

function timeLines(event: CalendarEvent, name: string, locals: string[]): Line[] {
  if (locals.length === 0) return [];
  const first = timeValue(event, locals[0]!);
  return [[name, locals.map((l) => timeValue(event, l).value).join(','), first.params]];
}

function reminderLines(event: CalendarEvent): string[] {
  return (event.reminders ?? []).flatMap((reminder) => {
    const action = reminder.action === 'email' ? 'EMAIL' : 'DISPLAY';
    const text = escapeText(reminder.description ?? event.title);
    return [
      'BEGIN:VALARM',
      formatContentLine('ACTION', action),
      formatContentLine('TRIGGER', formatIcsDuration(-reminder.minutesBefore * 60)),
      formatContentLine('DESCRIPTION', text),
      ...(action === 'EMAIL' ? [formatContentLine('SUMMARY', text)] : []),
      'END:VALARM',
    ];
  });
}

function textLines(fields: { title?: string; description?: string; location?: string }): Line[] {
  const lines: Line[] = [];
  if (fields.title !== undefined) lines.push(['SUMMARY', escapeText(fields.title)]);
  if (fields.description !== undefined) lines.push(['DESCRIPTION', escapeText(fields.description)]);
  if (fields.location !== undefined) lines.push(['LOCATION', escapeText(fields.location)]);
  return lines;
}

function masterLines(event: CalendarEvent, stamp: string): string[] {
  const cancelled = event.overrides.filter((o) => o.cancelled).map((o) => o.recurrenceId);
  const exdates = [...(event.exdates ?? []), ...cancelled].map((t) =>
    normaliseEventTime(t, event.allDay),
  );
  const start = timeValue(event, event.start);
  const end = timeValue(event, event.end);
  const lines: Line[] = [
    ['UID', event.uid],
    ['DTSTAMP', stamp],
    ['SEQUENCE', String(event.sequence)],
    ['DTSTART', start.value, start.params],
    ['DTEND', end.value, end.params],
    ...textLines(event),
  ];
  if (event.color) lines.push(['X-ICP-COLOR', event.color]);
  if (event.transparency) lines.push(['TRANSP', event.transparency.toUpperCase()]);
  if (event.created !== undefined) lines.push(['CREATED', utcStamp(event.created)]);
  if (event.lastModified !== undefined) lines.push(['LAST-MODIFIED', utcStamp(event.lastModified)]);
  if (event.rrule) lines.push(['RRULE', event.rrule]);
  lines.push(...timeLines(event, 'EXDATE', [...new Set(exdates)]));
  lines.push(...timeLines(event, 'RDATE', event.rdates ?? []));
  return [
    'BEGIN:VEVENT',
    ...lines.map(([name, value, params]) => formatContentLine(name, value, params)),
    ...reminderLines(event),
    'END:VEVENT',
  ];
}

function overrideLines(event: CalendarEvent, override: EventOverride, stamp: string): string[] {
  const recurrenceId = timeValue(event, override.recurrenceId);
  const originalStartWall = wallSecondsOfEventTime(override.recurrenceId, event.allDay);
  const lengthSeconds =
    wallSecondsOfEventTime(event.end, event.allDay) -
    wallSecondsOfEventTime(event.start, event.allDay);
  const startLocal = override.start ?? override.recurrenceId;
  const endLocal =
    override.end ??
    formatLocal(
      event,
      (override.start ? wallSecondsOfEventTime(override.start, event.allDay) : originalStartWall) +
        lengthSeconds,
    );
  const start = timeValue(event, startLocal);
  const end = timeValue(event, endLocal);
  const lines: Line[] = [
    ['UID', event.uid],
    ['DTSTAMP', stamp],
    ['SEQUENCE', String(event.sequence)],
    ['RECURRENCE-ID', recurrenceId.value, recurrenceId.params],
    ['DTSTART', start.value, start.params],
    ['DTEND', end.value, end.params],
    ...textLines({
      title: override.title ?? event.title,
      description: override.description ?? event.description,
      location: override.location ?? event.location,
    }),
  ];
  return [
    'BEGIN:VEVENT',
    ...lines.map(([n, v, p]) => formatContentLine(n, v, p)),
    ...reminderLines(event),
    'END:VEVENT',
  ];
}

function formatLocal(event: CalendarEvent, wall: number): string {
  const t = civilOfWallSeconds(wall);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const date = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
  return event.allDay ? date : `${date}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** The whole calendar as iCalendar text with CRLF line endings. */
export function exportIcs(events: CalendarEvent[], options: ExportOptions): string {
  const stamp = utcStamp(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    formatContentLine('PRODID', options.prodId ?? '-//ICP Calendar//Calendar Canister//EN'),
    'CALSCALE:GREGORIAN',
  ];
  if (options.name !== undefined) {
    lines.push(
      formatContentLine('NAME', escapeText(options.name)),
      formatContentLine('X-WR-CALNAME', escapeText(options.name)),
    );
  }
  const firstYearByZone = new Map<string, number>();
  for (const event of events) {
    if (event.allDay || UTC_ZONES.has(event.timeZone)) continue;
    const years = [
      event.start,
      ...(event.rdates ?? []),
      ...event.overrides.flatMap((o) => [o.recurrenceId, o.start ?? o.recurrenceId]),
    ].map((t) => parseEventTime(t, false).year);
    const year = Math.min(...years);
    firstYearByZone.set(
      event.timeZone,
      Math.min(year, firstYearByZone.get(event.timeZone) ?? year),
    );
  }
  for (const [zone, year] of [...firstYearByZone].sort(([a], [b]) => (a < b ? -1 : 1)))
    lines.push(...buildVTimezone(zone, year));
  for (const event of events) {
    lines.push(...masterLines(event, stamp));
    for (const override of event.overrides)
      if (!override.cancelled) lines.push(...overrideLines(event, override, stamp));
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}
