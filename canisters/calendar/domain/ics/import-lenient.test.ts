import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { importIcs } from './import-ics.ts';

const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';
const calendar = (...body: string[]): string =>
  crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', ...body, 'END:VCALENDAR']);
const vevent = (...body: string[]): string[] => ['BEGIN:VEVENT', ...body, 'END:VEVENT'];

describe('lenient import', () => {
  it('accepts a byte-order mark in text and in bytes', () => {
    const text = calendar(...vevent('UID:bom', 'DTSTART:20250101T100000Z', 'SUMMARY:kept'));
    const plain = importIcs(text);
    expect(plain.events.map((e) => e.title)).toEqual(['kept']);
    expect(importIcs('\uFEFF' + text)).toEqual(plain);
    const bytes = new TextEncoder().encode(text);
    expect(importIcs(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual(plain);
  });

  it('gives an event without UID a stable UID made from its content, as a warning', () => {
    const file = (stamp: string, title: string): string =>
      calendar(...vevent(`DTSTAMP:${stamp}`, 'DTSTART:20250101T100000Z', `SUMMARY:${title}`));
    const first = importIcs(file('20250101T000000Z', 'Standup'));
    const uid = first.events[0]!.uid;
    expect(uid).toMatch(/^synthesized-[0-9a-f]{16}@icp-calendar$/);
    expect(first.rejected).toEqual([]);
    expect(first.warnings).toEqual([
      {
        line: 3,
        code: 'UID_SYNTHESIZED',
        message: `VEVENT has no UID; ${uid} was made from its content`,
      },
    ]);
    // a later export of the same event (new DTSTAMP) finds the same UID; other content does not
    expect(importIcs(file('20260101T000000Z', 'Standup')).events[0]!.uid).toBe(uid);
    expect(importIcs(file('20250101T000000Z', 'Retro')).events[0]!.uid).not.toBe(uid);
  });

  it('imports a nested VCALENDAR and rejects misplaced VEVENTs with a reason', () => {
    const result = importIcs(
      calendar(
        ...vevent(
          'UID:outer',
          'DTSTART:20250101T100000Z',
          ...vevent('UID:inner', 'DTSTART:20250102T100000Z'),
        ),
        'BEGIN:VCALENDAR', // line 11
        ...vevent('UID:nested', 'DTSTART:20250103T100000Z'),
        'END:VCALENDAR',
        'BEGIN:VTODO', // line 17
        ...vevent('UID:in-todo', 'DTSTART:20250104T100000Z'),
        'END:VTODO',
      ),
    );
    expect(result.events.map((e) => e.uid)).toEqual(['outer', 'nested']);
    expect(result.warnings).toEqual([
      {
        line: 11,
        code: 'COMPONENT_NESTED',
        message: 'VCALENDAR nested in the VCALENDAR of line 1: its events are imported',
      },
    ]);
    expect(result.rejected).toEqual([
      {
        line: 6,
        component: 'VEVENT',
        uid: 'inner',
        code: 'ICS_COMPONENT_INVALID',
        reason: 'VEVENT nested in VEVENT (line 3) is not allowed by RFC 5545; it is not imported',
      },
      {
        line: 18,
        component: 'VEVENT',
        uid: 'in-todo',
        code: 'ICS_COMPONENT_INVALID',
        reason: 'VEVENT nested in VTODO (line 17) is not allowed by RFC 5545; it is not imported',
      },
    ]);
  });

  it('caps the details of a malformed file at 100 plus a count', () => {
    const bad = Array.from({ length: 200_000 }, (_, i) => `bad line ${i}\r\n`).join('');
    const text = calendar(...vevent('UID:ok', 'DTSTART:20250101T100000Z')).replace(
      'END:VCALENDAR',
      `${bad}END:VCALENDAR`,
    );
    let thrown: unknown;
    try {
      importIcs(text, { maxInputSize: 8_000_000 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const error = thrown as DomainError;
    expect(error.code).toBe('ICS_MALFORMED');
    expect(error.details).toHaveLength(100);
    expect((error.details as { line: number }[])[99]!.line).toBe(106);
    expect(error.reason).toMatch(/; and 199900 more problems$/);
    expect(error.reason.length).toBeLessThan(8_000);

    const lenient = importIcs(text, { maxInputSize: 8_000_000, skipInvalid: true });
    expect(lenient.events.map((e) => e.uid)).toEqual(['ok']);
    expect(lenient.rejected).toHaveLength(101);
    expect(lenient.rejected[100]).toEqual({
      line: 107,
      component: 'VCALENDAR',
      code: 'ICS_MALFORMED',
      reason: 'and 199900 more structure problems',
    });
  });

  it('caps warnings at 100 plus one that counts the rest', () => {
    const events = Array.from({ length: 150 }, (_, i) =>
      vevent(`DTSTART:20250101T${String(i % 24).padStart(2, '0')}0000Z`, `SUMMARY:e${i}`),
    ).flat();
    const result = importIcs(calendar(...events));
    expect(result.events).toHaveLength(150);
    expect(result.warnings).toHaveLength(101);
    expect(result.warnings[100]).toEqual({
      line: 403,
      code: 'WARNINGS_TRUNCATED',
      message: '50 more warnings not listed',
    });
  });

  it('reports invalid UTF-8 with line numbers and keeps the event', () => {
    const text = calendar(
      ...vevent('UID:latin1', 'DTSTART:20250101T100000Z', 'SUMMARY:Caf#', 'LOCATION:M#nchen ##'),
    );
    const bytes = new TextEncoder().encode(text);
    const latin1 = bytes.map((b) => (b === 0x23 ? 0xe9 : b)); // '#' → a lone Latin-1 byte
    const result = importIcs(latin1);
    expect(result.events[0]).toMatchObject({
      title: 'Caf\uFFFD',
      location: 'M\uFFFDnchen \uFFFD\uFFFD',
    });
    expect(result.warnings).toEqual([
      { line: 6, code: 'UTF8_INVALID', message: '1 invalid UTF-8 byte replaced by U+FFFD' },
      { line: 7, code: 'UTF8_INVALID', message: '3 invalid UTF-8 bytes replaced by U+FFFD' },
    ]);
  });
});

describe('floating times', () => {
  const floating = (...header: string[]): string =>
    calendar(...header, ...vevent('UID:f', 'DTSTART:20250701T090000', 'DTEND:20250701T100000'));

  it('use X-WR-TIMEZONE over the default zone, and the default zone without it', () => {
    const google = importIcs(floating('X-WR-TIMEZONE:America/Los_Angeles'), {
      defaultTimeZone: 'Europe/Berlin',
    });
    expect(google.events[0]).toMatchObject({
      timeZone: 'America/Los_Angeles',
      start: '2025-07-01T09:00:00',
    });
    expect(google.warnings).toEqual([]);
    const plain = importIcs(floating(), { defaultTimeZone: 'Europe/Berlin' });
    expect(plain.events[0]).toMatchObject({
      timeZone: 'Europe/Berlin',
      start: '2025-07-01T09:00:00',
    });
  });

  it('fall back to the default zone, with a warning, when X-WR-TIMEZONE is unknown', () => {
    const result = importIcs(floating('X-WR-TIMEZONE:Mars/Olympus'), {
      defaultTimeZone: 'Asia/Tokyo',
    });
    expect(result.events[0]).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect(result.warnings).toEqual([
      {
        line: 3,
        code: 'TIME_ZONE_DEFAULTED',
        message:
          'X-WR-TIMEZONE "Mars/Olympus" is not a known time zone; floating times use Asia/Tokyo',
      },
    ]);
  });
});

describe('Windows zone names in TZID', () => {
  it('resolve through CLDR windowsZones, in DTSTART, EXDATE and X-WR-TIMEZONE', () => {
    const result = importIcs(
      calendar(
        'X-WR-TIMEZONE:W. Europe Standard Time',
        ...vevent(
          'UID:outlook',
          'DTSTART;TZID="Pacific Standard Time":20250310T090000',
          'DTEND;TZID="Pacific Standard Time":20250310T100000',
          'RRULE:FREQ=DAILY;COUNT=3',
          'EXDATE;TZID=Pacific Standard Time:20250311T090000',
        ),
        ...vevent('UID:floating', 'DTSTART:20250310T090000'),
      ),
    );
    expect(result.rejected).toEqual([]);
    expect(result.events[0]).toMatchObject({
      timeZone: 'America/Los_Angeles',
      start: '2025-03-10T09:00:00',
      exdates: ['2025-03-11T09:00:00'],
    });
    expect(result.events[1]).toMatchObject({ timeZone: 'Europe/Berlin' });
  });
});
