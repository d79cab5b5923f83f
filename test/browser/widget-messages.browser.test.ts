import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { settle, startWidgetBrowser, type WidgetBrowser } from './widget-browser.ts';

/** Records every icp-error's detail in `window.__errors`. */
const RECORD_ERRORS = `<script>window.__errors = [];
addEventListener('icp-error', (e) => window.__errors.push(e.detail));</script>`;

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>messages</title>${RECORD_ERRORS}
<script type="module" src="./icp-calendar.js"></script></head><body><main>${body}</main></body></html>`;
}

/** A memory source that fails like a canister connection while the browser is offline. */
const FLAKY = page(`<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US"></icp-calendar>
<script type="module">
  import { MemoryCalendarSource, CalendarSourceError } from './icp-calendar.js';
  const memory = new MemoryCalendarSource({
    principal: null,
    calendars: [{ id: 'club', name: 'Club', color: '#047857', writable: false }],
    events: [{ id: 'm', calendarId: 'club', title: 'Match', start: Date.UTC(2025, 4, 9, 18), end: Date.UTC(2025, 4, 9, 20), timeZone: 'UTC', allDay: false, reminders: [] }],
  });
  const source = Object.create(memory);
  source.listOccurrences = (ids, range) => navigator.onLine
    ? memory.listOccurrences(ids, range)
    : Promise.reject(new CalendarSourceError({ code: 'CANISTER_UNAVAILABLE', message: 'Could not reach the calendar canister: Failed to fetch' }));
  document.querySelector('icp-calendar').source = source;
</script>`);

let widget: WidgetBrowser;

beforeAll(async () => {
  widget = await startWidgetBrowser({
    '/no-calendar.html': page(`<icp-calendar></icp-calendar><script type="module">
      import { MemoryCalendarSource } from './icp-calendar.js';
      document.querySelector('icp-calendar').source = new MemoryCalendarSource({ principal: null, calendars: [] });
    </script>`),
    // Port 9 (discard) is closed on the test machine: nothing answers there.
    '/unreachable.html': page(
      `<icp-calendar canister-id="uxrrr-q7777-77774-qaaaq-cai" calendar-id="cal-1" host="http://127.0.0.1:9"></icp-calendar>`,
    ),
    '/flaky.html': FLAKY,
    '/phone.html':
      page(`<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US" style="height:600px"></icp-calendar>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  document.querySelector('icp-calendar').source = new MemoryCalendarSource({
    principal: null,
    calendars: [{ id: 'c', name: 'Club', color: '#047857', writable: false }],
    events: [{ id: 'e', calendarId: 'c', title: 'Quarterly planning', start: Date.UTC(2025, 2, 12, 15), end: Date.UTC(2025, 2, 12, 16), timeZone: 'UTC', allDay: false, reminders: [] }],
  });
</script>`),
  });
});

afterAll(async () => {
  await widget?.close();
});

const errorLine = (target: Page) => target.locator('icp-calendar [part~="error"]');
const errors = (target: Page) =>
  target.evaluate(
    () => (window as unknown as { __errors: { code: string; message: string }[] }).__errors,
  );

describe('<icp-calendar> messages a visitor understands', () => {
  it('no calendar id and nobody signed in: "No calendar selected", no error', async () => {
    const target = await widget.open('/no-calendar.html');
    await target.locator('icp-calendar [part~="notice"]').waitFor({ timeout: 5_000 });
    expect(await target.locator('icp-calendar [part~="notice"]').textContent()).toBe(
      'No calendar selected',
    );
    expect(await errorLine(target).count()).toBe(0);
    await target.context().close();
  });

  it('an unreachable canister: one plain sentence and Retry; the agent detail only in icp-error', async () => {
    const target = await widget.open('/unreachable.html');
    await errorLine(target).waitFor({ timeout: 30_000 });
    expect((await errorLine(target).locator('span').textContent())?.trim()).toBe(
      'This calendar could not be reached.',
    );
    const [first] = await errors(target);
    expect(first?.code).toBe('CANISTER_UNAVAILABLE');
    expect(first?.message).toContain('127.0.0.1:9');
    expect(await errorLine(target).textContent()).not.toContain('127.0.0.1');
    await errorLine(target).getByRole('button', { name: 'Retry' }).click();
    await target.waitForFunction(
      () => (window as unknown as { __errors: unknown[] }).__errors.length >= 2,
      undefined,
      { timeout: 30_000 },
    );
    await target.context().close();
  });

  it('offline: says so with a Retry, and loads by itself when the connection is back', async () => {
    const target = await widget.open('/flaky.html');
    await settle(target);
    await target.context().setOffline(true);
    // April was prefetched while online; May is not in the cache.
    await target.locator('icp-calendar [aria-label="Next period"]').click();
    await target.locator('icp-calendar [aria-label="Next period"]').click();
    await errorLine(target).waitFor({ timeout: 5_000 });
    expect(await errorLine(target).textContent()).toContain('You are offline');
    expect(await errorLine(target).getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await target.locator('icp-calendar [part~="event"]').count()).toBe(0);
    await target.context().setOffline(false);
    await target.locator('icp-calendar [part~="event"]', { hasText: 'Match' }).waitFor();
    expect(await errorLine(target).count()).toBe(0);
    await target.context().close();
  });

  it('on a 390 px phone: no sideways scroll, month chips lead with the title, the week fits', async () => {
    const target = await widget.open('/phone.html', { viewport: { width: 390, height: 800 } });
    const chip = target.locator('icp-calendar [data-event-id="e"]');
    await chip.waitFor();
    const overflow = () =>
      target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await chip.innerText()).toMatch(/^Quarter/);
    await target.evaluate(() =>
      document.querySelector('icp-calendar')!.setAttribute('view', 'week'),
    );
    await target.locator('icp-calendar icp-time-grid [data-event-id="e"]').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await target.context().close();
  });
});
