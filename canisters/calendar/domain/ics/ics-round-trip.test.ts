import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../model/event-types.ts';
import { expandEventOccurrences } from '../model/expand-event.ts';
import { exportIcs } from './export-ics.ts';
import { importIcs } from './import-ics.ts';

const NOW = Date.UTC(2025, 10, 25, 12, 0, 0);

const events: CalendarEvent[] = [
  {
    uid: 'weekly-berlin@icp',
    sequence: 2,
    title: 'Team sync; planning, review \\ retro',
    description:
      'Line one\nLine two with 日本語 and 🎉 emoji, long enough to be folded across several content lines for sure.',
    location: 'Room 4: the big one',
    color: '#3366ff',
    timeZone: 'Europe/Berlin',
    allDay: false,
    start: '2025-03-03T09:00:00',
    end: '2025-03-03T09:30:00',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
    exdates: ['2025-03-05T09:00:00'],
    rdates: ['2025-03-08T11:00:00'],
    reminders: [
      { minutesBefore: 10, action: 'display' },
      { minutesBefore: 1440, action: 'email', description: 'tomorrow' },
    ],
    transparency: 'opaque',
    overrides: [
      {
        recurrenceId: '2025-03-10T09:00:00',
        start: '2025-03-10T10:00:00',
        end: '2025-03-10T10:45:00',
        title: 'Moved sync',
      },
      { recurrenceId: '2025-03-12T09:00:00', cancelled: true },
    ],
  },
  {
    uid: 'holiday@icp',
    sequence: 0,
    title: 'Holiday',
    timeZone: 'UTC',
    allDay: true,
    start: '2025-12-24',
    end: '2025-12-27',
    rrule: 'FREQ=YEARLY;UNTIL=20301231',
    overrides: [],
  },
  {
    uid: 'sydney-monthly@icp',
    sequence: 0,
    title: 'Sydney review',
    timeZone: 'Australia/Sydney',
    allDay: false,
    start: '2025-01-31T18:30:00',
    end: '2025-01-31T20:00:00',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=40',
    overrides: [],
  },
  {
    uid: 'ny-one-off@icp',
    sequence: 0,
    title: 'One-off in New York',
    timeZone: 'America/New_York',
    allDay: false,
    start: '2025-11-02T01:30:00',
    end: '2025-11-02T03:00:00',
    overrides: [],
  },
  {
    uid: 'utc@icp',
    sequence: 1,
    title: 'UTC call',
    timeZone: 'UTC',
    allDay: false,
    start: '2026-06-01T12:00:00',
    end: '2026-06-01T13:00:00',
    overrides: [],
  },
];

const WINDOW = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2028, 0, 1), limit: 5_000 };

function icalOccurrences(text: string, uid: string): number[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const vevents = calendar
    .getAllSubcomponents('vevent')
    .filter((v) => v.getFirstPropertyValue('uid') === uid);
  const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id'))!);
  for (const exception of vevents.filter((v) => v.hasProperty('recurrence-id')))
    master.relateException(new ICAL.Event(exception));
  const starts: number[] = [];
  if (!master.isRecurring()) return [master.startDate.toUnixTime() * 1000];
  const iterator = master.iterator();
  for (let next = iterator.next(); next && starts.length < 5_000; next = iterator.next()) {
    const details = master.getOccurrenceDetails(next);
    const ms = details.startDate.toUnixTime() * 1000;
    if (next.toUnixTime() * 1000 >= WINDOW.to) break;
    if (ms >= WINDOW.from && ms < WINDOW.to) starts.push(ms);
  }
  return starts.sort((a, b) => a - b);
}

describe('ICS export', () => {
  const text = exportIcs(events, { now: NOW, name: 'Team, Inc.' });

  it('produces CRLF lines of at most 75 octets with the required calendar properties', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:/);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20250310T090000');
    expect(text).toContain('EXDATE;TZID=Europe/Berlin:20250305T090000,20250312T090000');
    expect(text).toContain('DTSTART:20260601T120000Z');
    expect(text).toContain('TRIGGER:-PT10M');
  });

  it('is read by ical.js with the same texts and the same occurrence instants (VTIMEZONE correct)', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(6);
    const master = vevents.find(
      (v) =>
        v.getFirstPropertyValue('uid') === 'weekly-berlin@icp' && !v.hasProperty('recurrence-id'),
    )!;
    expect(master.getFirstPropertyValue('summary')).toBe(events[0]!.title);
    expect(master.getFirstPropertyValue('description')).toBe(events[0]!.description);
    expect(master.getFirstPropertyValue('location')).toBe(events[0]!.location);
    expect(master.getAllSubcomponents('valarm')).toHaveLength(2);
    for (const event of events) {
      const ours = expandEventOccurrences(event, WINDOW)
        .map((o) => o.start)
        .sort((a, b) => a - b);
      if (event.uid === 'ny-one-off@icp') {
        // 01:30 on 2025-11-02 happens twice in New York. RFC 5545 §3.3.5 says the first occurrence
        // (EDT, 05:30Z) is meant; ical.js 2.2.1 picks the second (EST, 06:30Z). The RFC decides.
        expect(ours).toEqual([Date.UTC(2025, 10, 2, 5, 30)]);
        expect(icalOccurrences(text, event.uid)).toEqual([Date.UTC(2025, 10, 2, 6, 30)]);
        continue;
      }
      expect(icalOccurrences(text, event.uid), event.uid).toEqual(ours);
    }
  });

  it('round-trips through the importer', () => {
    const imported = importIcs(text);
    expect(imported.rejected).toEqual([]);
    expect(imported.calendarName).toBe('Team, Inc.');
    const expected = events.map((e) => ({
      ...e,
      exdates:
        e.uid === 'weekly-berlin@icp' ? ['2025-03-05T09:00:00', '2025-03-12T09:00:00'] : e.exdates,
      overrides: e.overrides.filter((o) => !o.cancelled),
    }));
    const strip = (e: CalendarEvent) => JSON.parse(JSON.stringify(e));
    expect(imported.events.map(strip)).toEqual(expected.map(strip));
    for (const event of imported.events) {
      const original = events.find((e) => e.uid === event.uid)!;
      expect(expandEventOccurrences(event, WINDOW)).toEqual(
        expandEventOccurrences(original, WINDOW),
      );
    }
  });

  it('round-trips arbitrary texts (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string({ maxLength: 1000 }),
        (title, description) => {
          fc.pre(
            title.trim() !== '' &&
              !/[\u0000-\u001f\u007f]/.test(title + description.replace(/\n/g, '')),
          );
          const event: CalendarEvent = { ...events[4]!, title, description };
          const [back] = importIcs(exportIcs([event], { now: NOW })).events;
          expect(back?.title).toBe(title.trim());
          expect(back?.description).toBe(description);
        },
      ),
      { numRuns: 300 },
    );
  });
});
