import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  openWithEvents,
  seriousViolations,
  settle,
  startWidgetBrowser,
  type WidgetBrowser,
} from './widget-browser.ts';

/** A visitor's view of a club calendar (the source can later say someone signed in). */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>popover</title></head>
<body><main style="height:760px;width:1100px">
<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US" week-start="1"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  const source = new MemoryCalendarSource({
    principal: null,
    calendars: [
      { id: 'club', name: 'Chess club', color: '#047857', writable: true },
      { id: 'home', name: 'Home', color: '#fde68a', writable: false },
    ],
    events: [{
      id: 'training', calendarId: 'club', title: 'Training', timeZone: 'America/New_York', allDay: false,
      start: Date.UTC(2025, 2, 3, 23), end: Date.UTC(2025, 2, 4, 0), reminders: [],
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20250630T000000Z',
      location: 'Room 4, https://maps.example.org/room4',
      description: 'Bring a board. Rules: https://example.org/rules. Not a link: javascript:alert(1)',
    }, {
      id: 'dinner', calendarId: 'home', title: 'Family dinner', timeZone: 'UTC', allDay: false,
      start: Date.UTC(2025, 2, 6, 18), end: Date.UTC(2025, 2, 6, 20), reminders: [],
    }],
  });
  window.__source = source;
  window.__clicks = [];
  const cal = document.querySelector('icp-calendar');
  cal.addEventListener('icp-event-click', (e) => window.__clicks.push(e.detail.occurrence.eventId));
  cal.source = source;
  await cal.updateComplete;
  document.body.dataset.ready = 'true';
</script></body></html>`;

let widget: WidgetBrowser;
let page: Page;

beforeAll(async () => {
  widget = await startWidgetBrowser({ '/': PAGE });
  page = await openWithEvents(widget);
});

afterAll(async () => {
  await widget?.close();
});

const popover = () => page.locator('icp-calendar icp-event-popover dialog[open]');
const chip = () => page.locator('icp-calendar [data-day="2025-03-05"] [part~="event"]');

/** The id of the element that has focus, looking through shadow roots. */
function focusedEventDay(): Promise<string | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.closest('[data-day]')?.getAttribute('data-day') ?? active?.tagName ?? null;
  });
}

describe('calendar colours and the legend', () => {
  it('draws each calendar in its colour with readable text, and the legend hides and shows one', async () => {
    const colours = (day: string) =>
      page
        .locator(`icp-calendar [data-day="${day}"] [part~="event"]`)
        .evaluate((node) => [getComputedStyle(node).backgroundColor, getComputedStyle(node).color]);
    expect(await colours('2025-03-05')).toEqual(['rgb(4, 120, 87)', 'rgb(255, 255, 255)']);
    expect(await colours('2025-03-06')).toEqual(['rgb(253, 230, 138)', 'rgb(17, 24, 39)']);
    expect(await seriousViolations(page, ['color-contrast'])).toEqual([]);
    const home = page.locator('icp-calendar [part~="legend-item"][data-calendar-id="home"]');
    expect(await home.getAttribute('aria-pressed')).toBe('true');
    await home.click();
    expect(await home.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('icp-calendar [data-event-id="dinner"]').count()).toBe(0);
    expect(await page.locator('icp-calendar [data-event-id="training"]').count()).toBeGreaterThan(
      0,
    );
    await home.click();
    await page.locator('icp-calendar [data-event-id="dinner"]').waitFor();
  });
});

describe('event details popover', () => {
  it('mouse, for a visitor: every detail in words, safe links, no Edit; Escape closes it', async () => {
    await chip().click();
    await popover().waitFor();
    const text = (await popover().textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('Training');
    // The viewer's zone (UTC) first, then the event's own zone.
    expect(text).toContain('March 5 at 11:00 PM – March 6 at 12:00 AM');
    expect(text).toContain('March 5, 6:00 – 7:00 PM (America/New_York)');
    expect(text).toContain('Every Mon, Wed, Fri until Jun 30, 2025');
    expect(text).toContain('Room 4');
    expect(text).toContain('Chess club');
    const links = await popover()
      .locator('a')
      .evaluateAll((nodes) =>
        nodes.map((node) => [node.getAttribute('href'), node.getAttribute('rel')]),
      );
    expect(links).toEqual([
      ['https://maps.example.org/room4', 'noopener noreferrer nofollow'],
      ['https://example.org/rules', 'noopener noreferrer nofollow'],
    ]);
    expect(text).toContain('javascript:alert(1)');
    expect(await popover().getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks),
    ).toEqual(['training']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await popover().waitFor({ state: 'detached' });
  });

  it('keyboard: Enter on an event opens it with focus inside; Escape returns focus to the event', async () => {
    await chip().focus();
    await page.keyboard.press('Enter');
    await popover().waitFor();
    expect(await focusedEventDay()).toBe('BUTTON');
    expect(
      await page.evaluate(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.closest('dialog') !== null;
      }),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await popover().waitFor({ state: 'detached' });
    expect(await focusedEventDay()).toBe('2025-03-05');
  });

  it('dark theme: the popover passes axe too', async () => {
    await page.evaluate(() =>
      document.querySelector('icp-calendar')!.setAttribute('theme', 'dark'),
    );
    await chip().click();
    await popover().waitFor();
    expect(await popover().evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(
      'rgb(31, 41, 55)',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await popover().getByRole('button', { name: 'Close' }).click();
    await popover().waitFor({ state: 'detached' });
  });

  it('for someone who may edit: Edit opens the edit dialog, and closing it returns focus to the event', async () => {
    await page.evaluate(async () => {
      const w = window as unknown as { __source: { setPrincipal(p: string): void } };
      w.__source.setPrincipal('aaaaa-aa');
      await (
        document.querySelector('icp-calendar') as unknown as { refreshPrincipal(): Promise<void> }
      ).refreshPrincipal();
    });
    await settle(page);
    await chip().click();
    await popover().getByRole('button', { name: 'Edit' }).click();
    const title = page.locator('icp-calendar icp-event-dialog input[name="title"]');
    await title.waitFor();
    expect(await title.inputValue()).toBe('Training');
    await page.keyboard.press('Escape');
    await page.locator('icp-calendar icp-event-dialog dialog[open]').waitFor({ state: 'detached' });
    expect(await focusedEventDay()).toBe('2025-03-05');
  });
});
