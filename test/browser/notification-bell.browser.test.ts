import { readFile } from 'node:fs/promises';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWidget } from '../../web-components/build.ts';
import {
  CHROMIUM_ARGS,
  servePages,
  type PageServer,
} from '../../web-components/testing/static-server.ts';

// <icp-calendar> with an in-memory inbox: `window.__inbox.deliver(...)` is a reminder firing.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bell</title></head>
<body><main><icp-calendar id="cal" date="2025-03-12" time-zone="UTC" locale="en-US"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource, MemoryNotificationSource } from './icp-calendar.js';
  const inbox = new MemoryNotificationSource();
  window.__inbox = inbox;
  const cal = document.getElementById('cal');
  cal.source = new MemoryCalendarSource({ principal: 'aaaaa-aa' });
  cal.notifications = inbox;
  await cal.updateComplete;
  document.body.dataset.ready = 'true';
</script></body></html>`;

let server: PageServer;
let browser: Browser;

beforeAll(async () => {
  const bundle = await readFile(await buildWidget());
  server = await servePages(
    new Map([
      ['/', { contentType: 'text/html', body: PAGE }],
      ['/icp-calendar.js', { contentType: 'text/javascript', body: bundle }],
    ]),
  );
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const bell = (page: Page) => page.locator('icp-calendar icp-notification-bell .bell');
const focused = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim();
  });

describe('notification bell in <icp-calendar>', () => {
  it('shows the unread count after a reminder fires; the list is reachable by keyboard', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]');
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, 0 unread');

    await page.evaluate(() => {
      const inbox = (window as unknown as { __inbox: { deliver(i: object): string } }).__inbox;
      inbox.deliver({ title: 'Standup', body: 'starts in 10 min' });
      inbox.deliver({ title: 'Dentist', body: 'starts in 10 min' });
    });
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(await bell(page).locator('.count').textContent()).toBe('2');

    // Tab from the page start until the bell has focus (it follows the view switcher).
    for (let i = 0; i < 20 && (await focused(page)) !== 'Notifications, 2 unread'; i++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Notifications, 2 unread');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Unread: Dentist. starts in 10 min');
    expect(await bell(page).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('Unread: Standup. starts in 10 min');
    await page.keyboard.press('Enter');
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Notifications, 1 unread');
    expect(await bell(page).getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });
});
