import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { EVENT_LIMITS } from './event-limits.ts';
import type { EventInput, FieldIssue } from './event-types.ts';
import { validateCalendarInput, validateEventInput, validateOverride } from './validate-event.ts';

const base: EventInput = {
  title: 'Standup',
  timeZone: 'Europe/Berlin',
  allDay: false,
  start: '2025-03-03T09:00',
  end: '2025-03-03T09:15',
};

function issuesOf(run: () => unknown): FieldIssue[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('EVENT_INVALID');
    return (error as DomainError).details as FieldIssue[];
  }
  throw new Error('expected EVENT_INVALID');
}

describe('validateEventInput', () => {
  it('normalises a valid event (times with seconds, canonical zone spelling)', () => {
    const valid = validateEventInput({
      ...base,
      timeZone: 'europe/berlin',
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO',
    });
    expect(valid.start).toBe('2025-03-03T09:00:00');
    expect(valid.timeZone).toBe('Europe/Berlin');
    expect(valid.rrule).toBe('FREQ=WEEKLY;BYDAY=MO');
  });

  it('reports every problem with its field', () => {
    const issues = issuesOf(() =>
      validateEventInput({
        ...base,
        title: 'x'.repeat(EVENT_LIMITS.titleMaxChars + 1),
        description: 'é'.repeat(EVENT_LIMITS.descriptionMaxBytes / 2 + 1),
        location: 'l'.repeat(EVENT_LIMITS.locationMaxChars + 1),
        color: 'red',
        timeZone: 'Mars/Base',
        rrule: 'FREQ=FORTNIGHTLY',
        reminders: Array.from({ length: EVENT_LIMITS.maxReminders + 1 }, () => ({
          minutesBefore: 5,
        })),
      }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual([
      'color',
      'description',
      'location',
      'reminders',
      'rrule',
      'timeZone',
      'title',
    ]);
  });

  it('rejects end before start, bad all-day dates and bad reminders', () => {
    expect(issuesOf(() => validateEventInput({ ...base, end: '2025-03-03T08:00' }))[0]!.field).toBe(
      'end',
    );
    expect(
      issuesOf(() =>
        validateEventInput({ ...base, allDay: true, start: '2025-03-03', end: '2025-03-03' }),
      )[0]!.field,
    ).toBe('end');
    expect(
      issuesOf(() =>
        validateEventInput({ ...base, allDay: true, start: '2025-02-30', end: '2025-03-03' }),
      )[0]!.field,
    ).toBe('start');
    expect(issuesOf(() => validateEventInput({ ...base, start: '2025-03-03' }))[0]!.field).toBe(
      'start',
    );
    expect(
      issuesOf(() => validateEventInput({ ...base, reminders: [{ minutesBefore: -5 }] }))[0]!.field,
    ).toBe('reminders[0].minutesBefore');
    expect(
      issuesOf(() => validateEventInput({ ...base, rrule: 'FREQ=DAILY;UNTIL=20250101' }))[0]!.field,
    ).toBe('rrule');
    expect(issuesOf(() => validateEventInput({ ...base, title: '   ' }))[0]!.field).toBe('title');
    expect(
      issuesOf(() =>
        validateEventInput({ ...base, rrule: `FREQ=DAILY;X-PAD=${'a'.repeat(600)}` }),
      )[0]!.message,
    ).toMatch(/at most 512/);
  });

  it('accepts the limits exactly', () => {
    expect(() =>
      validateEventInput({
        ...base,
        title: 't'.repeat(EVENT_LIMITS.titleMaxChars),
        description: 'd'.repeat(EVENT_LIMITS.descriptionMaxBytes),
        location: 'l'.repeat(EVENT_LIMITS.locationMaxChars),
        color: '#0af',
        reminders: Array.from({ length: EVENT_LIMITS.maxReminders }, (_, i) => ({
          minutesBefore: i,
        })),
      }),
    ).not.toThrow();
  });

  it('validates overrides and calendars', () => {
    const event = validateEventInput({ ...base, rrule: 'FREQ=DAILY' });
    expect(
      validateOverride(event, { recurrenceId: '2025-03-04T09:00', title: 'moved' }).recurrenceId,
    ).toBe('2025-03-04T09:00:00');
    expect(issuesOf(() => validateOverride(event, { recurrenceId: 'tomorrow' }))[0]!.field).toBe(
      'recurrenceId',
    );
    expect(validateCalendarInput({ name: 'Team', timeZone: 'UTC' }).timeZone).toBe('UTC');
    expect(
      issuesOf(() => validateCalendarInput({ name: '', timeZone: 'Nope' })).map((i) => i.field),
    ).toEqual(['name', 'timeZone']);
  });
});
