/** Checks event and calendar input against the model's limits; all problems are reported at once. */
import { DomainError } from '../errors.ts';
import { parseRecurrenceRule } from '../rrule/parse-rrule.ts';
import { canonicalTimeZoneName, utcSecondsToWall, wallToUtcSeconds } from '../tz/time-zone.ts';
import { utf8ByteLength } from '../utf8.ts';
import { COLOR_PATTERN, EVENT_LIMITS } from './event-limits.ts';
import {
  eventTimeOfWallSeconds,
  eventTimeToUtcMs,
  normaliseEventTime,
  wallSecondsOfEventTime,
} from './event-time.ts';
import type { CalendarInput, EventInput, EventOverride, FieldIssue } from './event-types.ts';

const chars = (text: string): number => [...text].length;

class IssueList {
  readonly issues: FieldIssue[] = [];
  add(field: string, message: string): void {
    this.issues.push({ field, message });
  }
  guard<T>(field: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (error instanceof DomainError) {
        this.add(field, error.reason);
        return undefined;
      }
      throw error;
    }
  }
  throwIfAny(what: string): void {
    if (this.issues.length === 0) return;
    const summary = this.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    throw new DomainError('EVENT_INVALID', `${what} is invalid: ${summary}`, this.issues);
  }
}

function checkText(
  issues: IssueList,
  field: string,
  value: unknown,
  maxChars: number,
  required: boolean,
): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string') return issues.add(field, `expected text, found ${typeof value}`);
  if (required && value.trim() === '') return issues.add(field, 'must not be empty');
  if (chars(value) > maxChars)
    issues.add(field, `must be at most ${maxChars} characters, found ${chars(value)}`);
}

function checkDescription(issues: IssueList, field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string') return issues.add(field, `expected text, found ${typeof value}`);
  const bytes = utf8ByteLength(value);
  if (bytes > EVENT_LIMITS.descriptionMaxBytes) {
    issues.add(
      field,
      `must be at most ${EVENT_LIMITS.descriptionMaxBytes} bytes of UTF-8, found ${bytes}`,
    );
  }
}

function checkColor(issues: IssueList, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !COLOR_PATTERN.test(value)) {
    issues.add('color', `expected #rgb or #rrggbb, found ${JSON.stringify(value)}`);
  }
}

/** Validates and normalises an event (canonical zone spelling and local times); throws EVENT_INVALID. */
export function validateEventInput(input: EventInput): EventInput {
  const issues = new IssueList();
  checkText(issues, 'title', input.title, EVENT_LIMITS.titleMaxChars, true);
  checkDescription(issues, 'description', input.description);
  checkText(issues, 'location', input.location, EVENT_LIMITS.locationMaxChars, false);
  checkColor(issues, input.color);
  if (typeof input.allDay !== 'boolean') issues.add('allDay', 'expected true or false');
  const allDay = input.allDay === true;
  const zone =
    typeof input.timeZone === 'string' ? canonicalTimeZoneName(input.timeZone) : undefined;
  if (!zone)
    issues.add(
      'timeZone',
      `expected an IANA time zone id, found ${JSON.stringify(input.timeZone)}`,
    );

  const form = allDay ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:MM:SS';
  const time = (field: string, value: unknown): string | undefined => {
    if (typeof value !== 'string') {
      issues.add(field, `expected a local time ${form}, found ${typeof value}`);
      return undefined;
    }
    return issues.guard(field, () => normaliseEventTime(value, allDay));
  };
  const start = time('start', input.start);
  const end = time('end', input.end);
  if (start && end && zone) {
    const startMs = eventTimeToUtcMs(start, allDay, zone);
    const endMs = eventTimeToUtcMs(end, allDay, zone);
    if (endMs < startMs)
      issues.add('end', `must not be before start (${start}), found ${end}${gapNote(start, zone)}`);
    if (allDay && endMs === startMs)
      issues.add('end', 'an all-day event ends at least one day after its start');
  }

  let rrule: string | undefined;
  if (input.rrule !== undefined) {
    if (typeof input.rrule !== 'string') issues.add('rrule', 'expected RRULE text');
    else {
      const rule = issues.guard('rrule', () => parseRecurrenceRule(input.rrule!));
      if (rule) {
        rrule = input.rrule.replace(/^RRULE:/i, '').trim();
        if (rule.until && allDay && rule.until.form !== 'date')
          issues.add('rrule', 'UNTIL must be a DATE for an all-day event');
        if (rule.until && !allDay && rule.until.form === 'date')
          issues.add('rrule', 'UNTIL must be a DATE-TIME for a timed event');
      }
    }
  }
  const timeList = (field: 'exdates' | 'rdates', max: number): string[] | undefined => {
    const list = input[field];
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) {
      issues.add(field, 'expected a list of local times');
      return undefined;
    }
    if (list.length > max) issues.add(field, `at most ${max} entries, found ${list.length}`);
    return list.map((value, i) => time(`${field}[${i}]`, value) ?? '');
  };
  const exdates = timeList('exdates', EVENT_LIMITS.maxExdates);
  const rdates = timeList('rdates', EVENT_LIMITS.maxRdates);

  if (input.reminders !== undefined) {
    if (!Array.isArray(input.reminders)) issues.add('reminders', 'expected a list');
    else {
      if (input.reminders.length > EVENT_LIMITS.maxReminders) {
        issues.add(
          'reminders',
          `at most ${EVENT_LIMITS.maxReminders} reminders, found ${input.reminders.length}`,
        );
      }
      input.reminders.forEach((reminder, i) => {
        const minutes = reminder?.minutesBefore;
        if (
          !Number.isInteger(minutes) ||
          minutes < 0 ||
          minutes > EVENT_LIMITS.reminderMaxMinutes
        ) {
          issues.add(
            `reminders[${i}].minutesBefore`,
            `expected a whole number 0…${EVENT_LIMITS.reminderMaxMinutes}, found ${minutes}`,
          );
        }
        if (
          reminder?.action !== undefined &&
          reminder.action !== 'display' &&
          reminder.action !== 'email'
        ) {
          issues.add(
            `reminders[${i}].action`,
            `expected "display" or "email", found ${JSON.stringify(reminder.action)}`,
          );
        }
        checkText(
          issues,
          `reminders[${i}].description`,
          reminder?.description,
          EVENT_LIMITS.titleMaxChars,
          false,
        );
      });
    }
  }
  if (
    input.transparency !== undefined &&
    input.transparency !== 'opaque' &&
    input.transparency !== 'transparent'
  ) {
    issues.add(
      'transparency',
      `expected "opaque" or "transparent", found ${JSON.stringify(input.transparency)}`,
    );
  }
  issues.throwIfAny('event');
  return {
    ...input,
    timeZone: zone!,
    start: start!,
    end: end!,
    ...(rrule === undefined ? {} : { rrule }),
    ...(exdates === undefined ? {} : { exdates }),
    ...(rdates === undefined ? {} : { rdates }),
  };
}

/** Validates one override against its (already valid) event; throws EVENT_INVALID. */
export function validateOverride(event: EventInput, override: EventOverride): EventOverride {
  const issues = new IssueList();
  const recurrenceId = issues.guard('recurrenceId', () =>
    normaliseEventTime(override.recurrenceId, event.allDay),
  );
  const start =
    override.start === undefined
      ? undefined
      : issues.guard('start', () => normaliseEventTime(override.start!, event.allDay));
  const end =
    override.end === undefined
      ? undefined
      : issues.guard('end', () => normaliseEventTime(override.end!, event.allDay));
  checkText(issues, 'title', override.title, EVENT_LIMITS.titleMaxChars, false);
  checkDescription(issues, 'description', override.description);
  checkText(issues, 'location', override.location, EVENT_LIMITS.locationMaxChars, false);
  if (
    start &&
    end &&
    eventTimeToUtcMs(end, event.allDay, event.timeZone) <
      eventTimeToUtcMs(start, event.allDay, event.timeZone)
  ) {
    issues.add('end', `must not be before start (${start}), found ${end}`);
  }
  issues.throwIfAny('override');
  return {
    ...override,
    recurrenceId: recurrenceId!,
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
  };
}

export function validateCalendarInput(input: CalendarInput): CalendarInput {
  const issues = new IssueList();
  checkText(issues, 'name', input.name, EVENT_LIMITS.calendarNameMaxChars, true);
  checkDescription(issues, 'description', input.description);
  checkColor(issues, input.color);
  const zone =
    typeof input.timeZone === 'string' ? canonicalTimeZoneName(input.timeZone) : undefined;
  if (!zone)
    issues.add(
      'timeZone',
      `expected an IANA time zone id, found ${JSON.stringify(input.timeZone)}`,
    );
  issues.throwIfAny('calendar');
  return { ...input, timeZone: zone! };
}

/** Names the DST gap a local start falls in (it then means a later wall time), or ''. */
function gapNote(start: string, zone: string): string {
  const wall = wallSecondsOfEventTime(start, false);
  const shifted = utcSecondsToWall(zone, wallToUtcSeconds(zone, wall));
  if (shifted === wall) return '';
  const shown = eventTimeOfWallSeconds(shifted, false);
  return `: the start falls in the DST gap of ${zone} on ${start.slice(0, 10)} (clocks skip ${(shifted - wall) / 60} minutes), so it is ${shown}`;
}
