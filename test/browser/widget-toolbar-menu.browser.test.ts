import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  seriousViolations,
  settle,
  startWidgetBrowser,
  type WidgetBrowser,
} from './widget-browser.ts';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>toolbar menu</title></head>
<body style="margin:0"><main>
<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US" week-start="1"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  const cal = document.querySelector('icp-calendar');
  cal.source = new MemoryCalendarSource({
    principal: null,
    calendars: [{ id: 'club', name: 'Chess club', color: '#047857', writable: false }],
    events: [{
      id: 'match', calendarId: 'club', title: 'Match', timeZone: 'UTC', allDay: false,
      start: Date.UTC(2025, 2, 12, 18), end: Date.UTC(2025, 2, 12, 20), reminders: [],
    }],
  });
  await cal.updateComplete;
  document.body.dataset.ready = 'true';
</script></body></html>`;

let widget: WidgetBrowser;

beforeAll(async () => {
  widget = await startWidgetBrowser({ '/': PAGE });
});

afterAll(async () => {
  await widget?.close();
});

async function open(width: number): Promise<Page> {
  const page = await widget.open('/', { viewport: { width, height: 800 } });
  await page.waitForSelector('body[data-ready]');
  await settle(page);
  return page;
}

const toolbar = (page: Page) => page.locator('icp-calendar icp-calendar-toolbar');
const menuButton = (page: Page) => toolbar(page).locator('button[aria-controls="menu"]');
const viewButton = (page: Page, name: string) =>
  toolbar(page).getByRole('button', { name, exact: true });
const view = (page: Page) =>
  page.evaluate(() => (document.querySelector('icp-calendar') as unknown as { view: string }).view);
const focused = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim();
  });

describe('the toolbar on a narrow screen', () => {
  it('collapses view and navigation into a menu that works from the keyboard and passes axe', async () => {
    const page = await open(390);
    await menuButton(page).waitFor();
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await viewButton(page, 'Week').isVisible()).toBe(false);
    expect(await toolbar(page).getByRole('button', { name: 'Next period' }).isVisible()).toBe(
      false,
    );
    expect(await seriousViolations(page)).toEqual([]);

    for (let i = 0; i < 10 && (await focused(page)) !== 'View and navigation'; i++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('View and navigation');
    await page.keyboard.press('Enter');
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('true');
    expect(await viewButton(page, 'Week').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Next period keeps the menu open; the heading moves to April.
    await toolbar(page).getByRole('button', { name: 'Next period' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toolbar(page).locator('h2').textContent()).toContain('April');
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('true');

    // Choosing a view closes the menu and gives focus back to its button.
    await viewButton(page, 'Week').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => view(page)).toBe('week');
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => focused(page)).toBe('View and navigation');

    // Escape closes it too.
    await page.keyboard.press('Enter');
    await viewButton(page, 'Agenda').focus();
    await page.keyboard.press('Escape');
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => focused(page)).toBe('View and navigation');
    expect(await view(page)).toBe('week');
    await page.context().close();
  });

  it('shows every control without a menu on a wide screen', async () => {
    const page = await open(1100);
    await viewButton(page, 'Week').waitFor();
    expect(await menuButton(page).count()).toBe(0);
    expect(await viewButton(page, 'Agenda').isVisible()).toBe(true);
    expect(await toolbar(page).getByRole('button', { name: 'Previous period' }).isVisible()).toBe(
      true,
    );
    await page.context().close();
  });
});
