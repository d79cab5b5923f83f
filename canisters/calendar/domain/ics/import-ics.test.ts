import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { expandEventOccurrences } from '../model/expand-event.ts';
import { importIcs } from './import-ics.ts';

const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';

const wellFormed = crlf([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//EN',
  'X-WR-CALNAME:Imported',
  'BEGIN:VTIMEZONE',
  'TZID:/example.org/tzdb/Europe/Paris',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VTIMEZONE',
  'TZID:Custom Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'END:VTIMEZONE',
  'BEGIN:VEVENT', // line 17
  'UID:series-1',
  'DTSTAMP:20250101T000000Z',
  'DTSTART;TZID=/example.org/tzdb/Europe/Paris:20250106T100000',
  'DURATION:PT1H30M',
  'RRULE:FREQ=WEEKLY;COUNT=5',
  'EXDATE;TZID=Custom Paris:20250113T100000',
  'EXDATE:20250120T090000Z',
  'SUMMARY:Weekly\\, with escapes\\; and a',
  '  folded continuation',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'DESCRIPTION:soon',
  'TRIGGER:-PT15M',
  'END:VALARM',
  'BEGIN:VALARM', // line 32
  'ACTION:DISPLAY',
  'DESCRIPTION:after',
  'TRIGGER:PT5M',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 38: override of the 4th instance
  'UID:series-1',
  'DTSTAMP:20250101T000000Z',
  'RECURRENCE-ID;TZID=Custom Paris:20250127T100000',
  'DTSTART;TZID=Custom Paris:20250127T140000',
  'DTEND;TZID=Custom Paris:20250127T150000',
  'SUMMARY:Afternoon instead',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 46: no UID
  'DTSTAMP:20250101T000000Z',
  'DTSTART:20250101T100000Z',
  'SUMMARY:missing uid',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 51: both DTEND and DURATION
  'UID:both',
  'DTSTART:20250101T100000Z',
  'DTEND:20250101T110000Z',
  'DURATION:PT1H',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 57: unknown zone
  'UID:mars',
  'DTSTART;TZID=Mars/Olympus:20250101T100000',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 61: bad rule
  'UID:bad-rule',
  'DTSTART:20250101T100000Z',
  'RRULE:FREQ=WEEKLY;BYMONTHDAY=40',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 66: all-day, no DTEND
  'UID:day',
  'DTSTART;VALUE=DATE:20250301',
  'SUMMARY:Day off',
  'END:VEVENT',
  'BEGIN:VEVENT', // line 71: override without master
  'UID:orphan',
  'RECURRENCE-ID:20250101T100000Z',
  'DTSTART:20250101T120000Z',
  'END:VEVENT',
  'END:VCALENDAR',
]);

describe('importIcs', () => {
  it('imports valid events and reports each rejected component with line and reason', () => {
    const result = importIcs(wellFormed);
    expect(result.calendarName).toBe('Imported');
    expect(result.events.map((e) => e.uid)).toEqual([
      'series-1',
      expect.stringMatching(/^synthesized-[0-9a-f]{16}@icp-calendar$/),
      'day',
    ]);
    expect(result.warnings).toEqual([
      {
        line: 46,
        code: 'UID_SYNTHESIZED',
        message: `VEVENT has no UID; ${result.events[1]!.uid} was made from its content`,
      },
    ]);
    expect(result.rejected.map((r) => [r.line, r.component, r.code])).toEqual([
      [32, 'VALARM', 'ICS_COMPONENT_INVALID'],
      [51, 'VEVENT', 'ICS_COMPONENT_INVALID'],
      [57, 'VEVENT', 'TZ_UNKNOWN'],
      [61, 'VEVENT', 'EVENT_INVALID'],
      [71, 'VEVENT', 'ICS_COMPONENT_INVALID'],
    ]);
    expect(result.rejected[1]!.reason).toMatch(/DTEND and DURATION/);
    expect(result.rejected[3]!.reason).toMatch(
      /^event is invalid: rrule: BYMONTHDAY values must be in ±1…31, found 40$/,
    );
    expect(result.rejected[4]!.reason).toMatch(/without a master/);

    const series = result.events[0]!;
    expect(series).toMatchObject({
      title: 'Weekly, with escapes; and a folded continuation',
      timeZone: 'Europe/Paris',
      start: '2025-01-06T10:00:00',
      end: '2025-01-06T11:30:00',
      exdates: ['2025-01-13T10:00:00', '2025-01-20T10:00:00'],
      reminders: [{ minutesBefore: 15, action: 'display', description: 'soon' }],
      overrides: [
        {
          recurrenceId: '2025-01-27T10:00:00',
          start: '2025-01-27T14:00:00',
          end: '2025-01-27T15:00:00',
          title: 'Afternoon instead',
        },
      ],
    });
    const occurrences = expandEventOccurrences(series, {
      from: Date.UTC(2025, 0, 1),
      to: Date.UTC(2025, 2, 1),
    });
    expect(occurrences.map((o) => `${o.startLocal} ${o.title}`)).toEqual([
      '2025-01-06T10:00:00 Weekly, with escapes; and a folded continuation',
      '2025-01-27T14:00:00 Afternoon instead',
      '2025-02-03T10:00:00 Weekly, with escapes; and a folded continuation',
    ]);
    expect(result.events[2]).toMatchObject({
      allDay: true,
      start: '2025-03-01',
      end: '2025-03-02',
      timeZone: 'UTC',
    });
  });

  it('rejects a structurally broken file with reasons and no events', () => {
    const broken = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20250101T100000Z',
      'this is not a content line',
      'END:VCALENDAR',
    ]);
    try {
      importIcs(broken);
      throw new Error('expected ICS_MALFORMED');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const domainError = error as DomainError;
      expect(domainError.code).toBe('ICS_MALFORMED');
      expect(domainError.details).toEqual([
        { line: 5, message: expect.stringMatching(/property name/) },
        { line: 2, message: 'BEGIN:VEVENT is not closed before END:VCALENDAR' },
      ]);
    }
    expect(() => importIcs('')).toThrowError(expect.objectContaining({ code: 'ICS_MALFORMED' }));
    expect(() => importIcs(crlf(['BEGIN:VCALENDAR', 'END:VEVENT', 'END:VCALENDAR']))).toThrowError(
      /END:VEVENT without a matching BEGIN/,
    );
    expect(() => importIcs(crlf(['BEGIN:VCALENDAR', 'VERSION:2.0']))).toThrowError(/never closed/);
  });

  it('with skipInvalid keeps the well-formed components of a broken file', () => {
    const broken = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:good',
      'DTSTART:20250101T100000Z',
      'SUMMARY:kept',
      'END:VEVENT',
      'garbage line',
      'BEGIN:VEVENT',
      'UID:cut',
      'DTSTART:20250101T100000Z',
      'END:VCALENDAR',
    ]);
    const result = importIcs(broken, { skipInvalid: true });
    expect(result.events.map((e) => e.uid)).toEqual(['good']);
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [7, 'ICS_MALFORMED'],
      [8, 'ICS_MALFORMED'],
      [8, 'ICS_MALFORMED'],
    ]);
  });

  it('reads bytes (unfolding before UTF-8 decoding) and floating times in the default zone', () => {
    const emoji = '🎉'.repeat(30);
    const text = crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:bytes',
      'DTSTART:20250601T090000',
      `SUMMARY:${emoji}`,
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    // fold in the middle of a 4-octet sequence, as a naive folder would
    const bytes = new TextEncoder().encode(text);
    const cut = bytes.indexOf(0xf0, 80) + 2;
    const folded = new Uint8Array([...bytes.slice(0, cut), 0x0d, 0x0a, 0x20, ...bytes.slice(cut)]);
    const result = importIcs(folded, { defaultTimeZone: 'Asia/Kolkata' });
    expect(result.events[0]).toMatchObject({
      title: emoji,
      timeZone: 'Asia/Kolkata',
      start: '2025-06-01T09:00:00',
    });
  });
});
