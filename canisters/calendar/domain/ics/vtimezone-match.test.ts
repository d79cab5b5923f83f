import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { importIcs } from './import-ics.ts';

const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';

/** An Exchange-shaped VTIMEZONE: display name as TZID, 1601 observances with yearly rules. */
const exchangeZone = (tzid: string, standard: string[], daylight?: string[]): string[] => [
  'BEGIN:VTIMEZONE',
  `TZID:${tzid}`,
  'BEGIN:STANDARD',
  ...standard,
  'END:STANDARD',
  ...(daylight ? ['BEGIN:DAYLIGHT', ...daylight, 'END:DAYLIGHT'] : []),
  'END:VTIMEZONE',
];

const file = crlf([
  'BEGIN:VCALENDAR',
  'PRODID:Microsoft Exchange Server 2010',
  'VERSION:2.0',
  ...exchangeZone('(UTC+07:00) Bangkok, Hanoi, Jakarta', [
    'DTSTART:16010101T000000',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
  ]),
  ...exchangeZone(
    '(UTC+10:30) Lord Howe Island',
    [
      'DTSTART:16010401T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU',
      'TZOFFSETFROM:+1100',
      'TZOFFSETTO:+1030',
    ],
    [
      'DTSTART:16011001T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU',
      'TZOFFSETFROM:+1030',
      'TZOFFSETTO:+1100',
    ],
  ),
  ...exchangeZone(
    'Customized Time Zone',
    [
      'DTSTART:16011104T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
    ],
    [
      'DTSTART:16010311T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
    ],
  ),
  'BEGIN:VEVENT',
  'UID:bangkok',
  'DTSTART;TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta":20260115T090000',
  'DTEND;TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta":20260115T100000',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:lord-howe',
  'DTSTART;TZID="(UTC+10:30) Lord Howe Island":20261004T093000',
  'DTEND;TZID="(UTC+10:30) Lord Howe Island":20261004T103000',
  'RRULE:FREQ=WEEKLY;COUNT=3',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:custom',
  'DTSTART;TZID=Customized Time Zone:20260308T120000',
  'DTEND;TZID=Customized Time Zone:20260308T130000',
  'END:VEVENT',
  'END:VCALENDAR',
]);

describe('VTIMEZONE definitions with unknown TZIDs', () => {
  it('are matched to a zone with the same offsets, a named city first, and reported', () => {
    const result = importIcs(file);
    expect(result.rejected).toEqual([]);
    expect(result.events.map((e) => [e.uid, e.timeZone])).toEqual([
      ['bangkok', 'Asia/Bangkok'],
      ['lord-howe', 'Australia/Lord_Howe'],
      ['custom', expect.stringMatching(/^America\//)],
    ]);
    expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
      [4, 'TIME_ZONE_MAPPED'],
      [12, 'TIME_ZONE_MAPPED'],
      [27, 'TIME_ZONE_MAPPED'],
    ]);
  });

  it('give the instants the definition itself gives (checked with Temporal)', () => {
    const result = importIcs(file);
    // independent: the definition's own offsets, applied by Temporal to a fixed-offset zone
    const at = (local: string, offset: string): number =>
      Temporal.PlainDateTime.from(local).toZonedDateTime(offset).epochMilliseconds;
    const ms = (uid: string, index = 0): number => {
      const event = result.events.find((e) => e.uid === uid)!;
      return Temporal.PlainDateTime.from(event.start)
        .add({ days: 7 * index })
        .toZonedDateTime(event.timeZone).epochMilliseconds;
    };
    expect(ms('bangkok')).toBe(at('2026-01-15T09:00', '+07:00'));
    // 4 Oct 2026 is the first Sunday of October: Lord Howe is on +11:00 from 02:00
    expect(ms('lord-howe')).toBe(at('2026-10-04T09:30', '+11:00'));
    expect(ms('lord-howe', 1)).toBe(at('2026-10-11T09:30', '+11:00'));
    // 8 March 2026 is the second Sunday of March: -04:00 from 02:00
    expect(ms('custom')).toBe(at('2026-03-08T12:00', '-04:00'));
  });
});
