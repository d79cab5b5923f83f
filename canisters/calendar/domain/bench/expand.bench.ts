/**
 * Prints expansion and conversion figures (never fails on timing):
 *   npx tsx canisters/calendar/domain/bench/expand.bench.ts
 */
import { expand } from '../rrule/expand-recurrence.ts';
import { exportIcs } from '../ics/export-ics.ts';
import { importIcs } from '../ics/import-ics.ts';
import { localToUtcMs } from '../tz/time-zone.ts';
import type { CalendarEvent } from '../model/event-types.ts';

function measure(label: string, runs: number, run: () => number): void {
  run(); // warm up
  const started = performance.now();
  let produced = 0;
  for (let i = 0; i < runs; i++) produced += run();
  const ms = (performance.now() - started) / runs;
  console.log(
    `${label.padEnd(62)} ${ms.toFixed(3).padStart(9)} ms/run  ${String(produced / runs).padStart(6)} items`,
  );
}

const start = { year: 2020, month: 1, day: 6, hour: 9, minute: 0, second: 0 };
const window = { from: Date.UTC(2045, 0, 1), to: Date.UTC(2045, 1, 1) };

measure(
  'weekly MO,WE,FR Europe/Berlin, one month 25 years out',
  200,
  () => expand('FREQ=WEEKLY;BYDAY=MO,WE,FR', start, 'Europe/Berlin', window).length,
);
measure(
  'daily COUNT=20000 Berlin, window near the end (counts from start)',
  5,
  () =>
    expand('FREQ=DAILY;COUNT=20000', start, 'Europe/Berlin', {
      from: Date.UTC(2074, 0, 1),
      to: Date.UTC(2075, 0, 1),
    }).length,
);
measure(
  'monthly last weekday (BYSETPOS=-1) New York, 10 years',
  50,
  () =>
    expand('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', start, 'America/New_York', {
      to: Date.UTC(2030, 0, 1),
    }).length,
);
measure(
  'yearly BYWEEKNO=1,20;BYDAY=MO Sydney, 100 years',
  20,
  () =>
    expand('FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=MO', start, 'Australia/Sydney', {
      to: Date.UTC(2120, 0, 1),
    }).length,
);
measure('10 000 local→UTC conversions (Berlin)', 20, () => {
  for (let i = 0; i < 10_000; i++)
    localToUtcMs('Europe/Berlin', { ...start, day: 1 + (i % 28), month: 1 + (i % 12) });
  return 10_000;
});

const events: CalendarEvent[] = Array.from({ length: 500 }, (_, i) => ({
  uid: `e${i}@bench`,
  sequence: 0,
  title: `Event ${i} — 日本語 🎉`,
  description: 'A description, with; escapes\nand lines. '.repeat(4),
  timeZone: i % 2 ? 'Europe/Berlin' : 'America/New_York',
  allDay: false,
  start: '2025-03-03T09:00:00',
  end: '2025-03-03T10:00:00',
  rrule: i % 3 ? 'FREQ=WEEKLY;BYDAY=MO' : undefined,
  reminders: [{ minutesBefore: 10 }],
  overrides: [],
}));
let text = '';
measure('export 500 events to ICS', 10, () => {
  text = exportIcs(events, { now: Date.UTC(2025, 0, 1) });
  return text.length;
});
measure('import the same ICS (500 events)', 10, () => importIcs(text).events.length);
