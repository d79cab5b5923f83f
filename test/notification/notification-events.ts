/** Test support: calendar inputs for reminder tests (times in UTC unless a zone is given). */
export const localUtc = (ms: number) => new Date(ms).toISOString().slice(0, 19);

export const calendarInput = (name: string) => ({
  name,
  description: [] as [],
  color: [] as [],
  time_zone: 'UTC',
  visibility: { private: null },
});

export function eventInput(title: string, startMs: number, extra: Record<string, unknown> = {}) {
  return {
    title,
    description: [] as [],
    location: [] as [],
    color: [] as [],
    time_zone: 'UTC',
    all_day: false,
    start: localUtc(startMs),
    end: localUtc(startMs + 3_600_000),
    rrule: [] as [],
    exdates: [] as string[],
    rdates: [] as string[],
    reminders: [{ minutes_before: 10, action: [] as [], description: [] as [] }],
    transparent: false,
    overrides: [] as unknown[],
    ...extra,
  };
}

const icsTime = (ms: number) => `${localUtc(ms).replace(/[-:]/g, '')}Z`;

/** An ICS file of `count` events starting within the minute after `startMs`, each with a 10-minute VALARM. */
export function remindersIcs(count: number, startMs: number, prefix: string): string {
  const events = Array.from({ length: count }, (_, i) =>
    [
      'BEGIN:VEVENT',
      `UID:${prefix}-${i}`,
      `DTSTAMP:${icsTime(startMs)}`,
      `DTSTART:${icsTime(startMs + ((i * 7) % 60) * 1000)}`,
      `DTEND:${icsTime(startMs + 1_800_000)}`,
      `SUMMARY:${prefix} ${i}`,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:soon',
      'TRIGGER:-PT10M',
      'END:VALARM',
      'END:VEVENT',
    ].join('\r\n'),
  );
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
