import { CanisterError } from '../../core/index.ts';
import type { CalendarBook } from './calendar-book.ts';
import {
  CALENDAR_LIMITS,
  calendarNumberOf,
  type CalendarRecord,
  type EventRecord,
} from './calendar-model.ts';
import { domainCall } from './domain-bridge.ts';
import {
  type CalendarEvent,
  exportIcs,
  importIcs,
  type ImportWarning,
  type RejectedComponent,
} from './domain/index.ts';
import type { EventBook } from './event-book.ts';

export interface ImportReport {
  /** false when rejections stopped the import (nothing was written) */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedComponent[];
  /** what the lenient import repaired or guessed (capped, with a WARNINGS_TRUNCATED count) */
  warnings: ImportWarning[];
}

const MAX_EXPORT_EVENTS = 5_000;

/** What makes two versions of an event the same for an idempotent re-import. */
export function contentOf(event: CalendarEvent): string {
  const { sequence: _s, created: _c, lastModified: _m, ...content } = event;
  void _s;
  void _c;
  void _m;
  return JSON.stringify(content, Object.keys(content).sort());
}

/** iCalendar in and out of one calendar; import is idempotent by UID. */
export class IcsTransfer {
  constructor(
    private readonly calendars: CalendarBook,
    private readonly events: EventBook,
  ) {}

  export(who: string, calendarId: string): string {
    const { calendar } = this.calendars.requireReadable(who, calendarId);
    return this.render(calendar);
  }

  /** The .ics text of a calendar (also what the public feed serves). */
  render(calendar: CalendarRecord): string {
    const records = this.eventsOf(calendar.id, MAX_EXPORT_EVENTS + 1);
    if (records.length > MAX_EXPORT_EVENTS) {
      throw new CanisterError(
        'CALENDAR_LIMIT',
        'the calendar is too large to export in one reply',
        {
          expected: `at most ${MAX_EXPORT_EVENTS} events`,
        },
      );
    }
    return domainCall(() =>
      exportIcs(
        records.map((r) => r.event),
        { now: calendar.changedMs, name: calendar.name },
      ),
    );
  }

  import(who: string, calendarId: string, ics: string, skipInvalid: boolean): ImportReport {
    const calendar = this.calendars.requireEditable(who, calendarId);
    if (ics.length > CALENDAR_LIMITS.maxIcsBytes) {
      throw new CanisterError('ICS_MALFORMED', 'the file is too large for one call', {
        expected: `at most ${CALENDAR_LIMITS.maxIcsBytes} characters`,
        found: String(ics.length),
      });
    }
    const parsed = domainCall(() =>
      importIcs(ics, { skipInvalid, defaultTimeZone: calendar.timeZone }),
    );
    const report: ImportReport = {
      applied: true,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: parsed.rejected,
      warnings: parsed.warnings,
    };
    if (parsed.rejected.length > 0 && !skipInvalid) return { ...report, applied: false };
    const existing = parsed.events.map((e) => this.byUid(calendarId, e.uid));
    const added = existing.filter((e) => e === undefined).length;
    if (calendar.eventCount + added > CALENDAR_LIMITS.eventsPerCalendar) {
      throw new CanisterError(
        'CALENDAR_LIMIT',
        'the import would exceed the events a calendar may hold',
        {
          expected: `at most ${CALENDAR_LIMITS.eventsPerCalendar}`,
          found: String(calendar.eventCount + added),
        },
      );
    }
    const additions: { event: CalendarEvent; uid: string }[] = [];
    parsed.events.forEach((event, i) => {
      const current = existing[i];
      if (current === undefined) {
        const { uid, ...rest } = event;
        additions.push({ event: { ...rest, uid }, uid });
      } else if (contentOf(current.event) === contentOf(event)) {
        report.unchanged++;
      } else {
        this.events.replace(this.calendars.get(calendarId) ?? calendar, current, event);
        report.updated++;
      }
    });
    if (additions.length > 0) {
      this.events.insertMany(this.calendars.get(calendarId) ?? calendar, additions);
      report.created = additions.length;
    }
    return report;
  }

  private byUid(calendarId: string, uid: string): EventRecord | undefined {
    return this.events.eventStore.byUid(calendarNumberOf(calendarId), uid);
  }

  eventsOf(calendarId: string, max: number): EventRecord[] {
    return this.events.eventStore.ofCalendar(calendarNumberOf(calendarId), max);
  }
}
