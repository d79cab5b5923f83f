/**
 * The browser-test page: `<icp-calendar>` over a MemoryCalendarSource with a few known events in March 2025,
 * including a weekly series. The page exposes `window.__source` so tests can check what was written.
 */
export const TEST_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>icp-calendar test</title>
<style>body{margin:0;font-family:system-ui} main{height:760px;width:1100px}</style></head>
<body>
<main><h1 style="font-size:1rem;margin:4px">Calendar</h1>
<icp-calendar id="cal" date="2025-03-12" time-zone="UTC" locale="en-US" week-start="1" max-events-per-day="3"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  const utc = (d, h = 0, m = 0) => Date.UTC(2025, 2, d, h, m);
  const base = { calendarId: 'work', timeZone: 'UTC', allDay: false, reminders: [] };
  const source = new MemoryCalendarSource({
    principal: 'aaaaa-aa',
    calendars: [{ id: 'work', name: 'Work', color: '#1d4ed8', writable: true }],
    events: [
      { ...base, id: 'standup', title: 'Standup', start: utc(3, 9), end: utc(3, 9, 30), rrule: 'FREQ=WEEKLY;COUNT=6' },
      { ...base, id: 'review', title: 'Design review', start: utc(12, 10), end: utc(12, 11) },
      { ...base, id: 'overlap', title: 'Overlapping call', start: utc(12, 10, 30), end: utc(12, 11, 30) },
      { ...base, id: 'trip', title: 'Conference trip', start: utc(18), end: utc(21), allDay: true },
      ...[1, 2, 3, 4, 5].map((i) => ({ ...base, id: 'busy' + i, title: 'Busy ' + i, start: utc(20, 8 + i), end: utc(20, 8 + i, 45) })),
    ],
  });
  window.__source = source;
  const cal = document.getElementById('cal');
  cal.source = source;
  await cal.updateComplete;
  document.body.dataset.ready = 'true';
</script>
</body></html>`;
