/**
 * Public surface of the calendar domain (pure TypeScript, safe inside a canister).
 * Failures are thrown as DomainError with a stable code; `attempt` turns them into results.
 */
export { attempt, DomainError, DOMAIN_ERROR_CODES } from './errors.ts';
export type { DomainErrorCode, DomainErrorData, DomainResult } from './errors.ts';
export type { CivilDate, CivilDateTime } from './civil.ts';
export { parseDate, parseDateTime, formatDate, formatDateTime } from './civil.ts';

export {
  isKnownTimeZone,
  canonicalTimeZoneName,
  knownTimeZones,
  assertKnownTimeZone,
  offsetSecondsAt,
  localToUtcMs,
  utcMsToLocal,
  zoneTransitions,
} from './tz/time-zone.ts';
export type { Transition } from './tz/time-zone.ts';

export { parseRecurrenceRule } from './rrule/parse-rrule.ts';
export { formatRecurrenceRule } from './rrule/format-rrule.ts';
export { expand, iterateRecurrence, EXPANSION_DEFAULTS } from './rrule/expand-recurrence.ts';
export type { ExpandOptions, RecurrenceInstance } from './rrule/expand-recurrence.ts';
export type { RecurrenceRule, Frequency, WeekdayNumber } from './rrule/recurrence-rule.ts';
export { RRULE_LIMITS } from './rrule/recurrence-rule.ts';

export type {
  CalendarEvent,
  CalendarInput,
  EventInput,
  EventOverride,
  FieldIssue,
  Occurrence,
  ReminderInput,
} from './model/event-types.ts';
export { EVENT_LIMITS } from './model/event-limits.ts';
export {
  validateEventInput,
  validateOverride,
  validateCalendarInput,
} from './model/validate-event.ts';
export { expandEventOccurrences, OCCURRENCE_DEFAULT_LIMIT } from './model/expand-event.ts';
export type { OccurrenceWindow } from './model/expand-event.ts';
export { listOccurrences, MAX_WINDOW_MS } from './model/list-occurrences.ts';
export type { OccurrenceList } from './model/list-occurrences.ts';

export { exportIcs } from './ics/export-ics.ts';
export type { ExportOptions } from './ics/export-ics.ts';
export { importIcs } from './ics/import-ics.ts';
export type { ImportOptions, ImportResult, RejectedComponent } from './ics/import-ics.ts';
export type { ImportWarning, ImportWarningCode } from './ics/import-warnings.ts';
