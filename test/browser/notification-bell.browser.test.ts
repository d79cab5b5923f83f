import { readFile } from 'node:fs/promises';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Ed25519KeyIdentity } from '@dfinity/identity';

import { engineBackend, provideDataCertificates } from '../../localnet/http/engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from '../../localnet/http/server.ts';
import { buildWidget } from '../../web-components/build.ts';
import {
  CHROMIUM_ARGS,
  servePages,
  type PageServer,
} from '../../web-components/testing/static-server.ts';
import { calendarInput } from '../notification/notification-events.ts';
import {
  ok,
  startNotificationSystem,
  type NotificationSystem,
} from '../notification/notification-system.ts';
import { embedPage } from './embed-page.ts';

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
let bundle: Buffer;

beforeAll(async () => {
  bundle = await readFile(await buildWidget());
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

describe('the bell of <icp-calendar notification-canister> on localnet', () => {
  let sys: NotificationSystem;
  let ic: LocalnetHttpServer;
  let pages: PageServer;
  const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(93));

  beforeAll(async () => {
    sys = await startNotificationSystem();
    ic = await createHttpServer({ backend: engineBackend(sys.network.engine), port: 0 });
    provideDataCertificates(sys.network.engine, ic);
    ok(await sys.as('calendar', owner).create_calendar(calendarInput('Mine')));
    const page = embedPage({
      'canister-id': sys.calendarId.toText(),
      'notification-canister': sys.notificationId.toText(),
      host: ic.url,
      'sign-in': 'dev',
      'time-zone': 'UTC',
      locale: 'en-US',
    });
    pages = await servePages(
      new Map([
        ['/', { contentType: 'text/html', body: page }],
        ['/icp-calendar.js', { contentType: 'text/javascript', body: bundle }],
      ]),
    );
  }, 900_000);

  afterAll(async () => {
    await pages?.close();
    await ic?.close();
  });

  it('an event with a 10-minute reminder made in the dialog fires on the canister and shows on the bell', async () => {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(pages.url);
    await page.evaluate(
      (key) => localStorage.setItem('icp-calendar:dev-identity', key),
      JSON.stringify(owner.toJSON()),
    );
    await page.locator('icp-calendar icp-sign-in button').click();
    await page
      .locator('icp-calendar [role="grid"][aria-readonly="false"]')
      .waitFor({ timeout: 60_000 });
    // Signed in: the element opens the user's inbox on the canister named by the attribute.
    await expect
      .poll(() => bell(page).getAttribute('aria-label'), { timeout: 60_000 })
      .toBe('Notifications, 0 unread');

    // Starts 11 minutes after the next whole minute: the reminder is due within two minutes.
    const networkNow = await sys.network.getTime();
    const start = Math.ceil(networkNow / 60_000) * 60_000 + 11 * 60_000;
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    await page
      .locator(`icp-calendar [role="gridcell"][data-day="${local(start).slice(0, 10)}"]`)
      .first()
      .focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('icp-calendar icp-event-dialog');
    await dialog.locator('input[name="title"]').fill('Live reminder');
    await dialog.locator('input[name="allDay"]').uncheck();
    await dialog.locator('input[name="start"]').fill(local(start));
    await dialog.locator('input[name="end"]').fill(local(start + 30 * 60_000));
    await dialog.locator('input[name="reminder"][value="10"]').check();
    await dialog.locator('button[type="submit"]').click();
    await page
      .locator('icp-calendar [part~="event"]:not([data-event-id^="pending-"])', {
        hasText: 'Live reminder',
      })
      .waitFor({ timeout: 60_000 });

    await sys.advance(1_000); // the shard's outbox reaches the notification canister
    expect(await sys.as('notification', owner).unread_count()).toBe(0);
    await sys.advance(start - 10 * 60_000 - (await sys.network.getTime()));
    expect(await sys.as('notification', owner).unread_count()).toBe(1);

    await page.clock.fastForward(31_000); // the bell's next poll
    await expect
      .poll(() => bell(page).getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('Notifications, 1 unread');
    await bell(page).click();
    const entry = page.locator('icp-calendar icp-notification-bell li button').first();
    await expect
      .poll(() => entry.getAttribute('aria-label'))
      .toBe('Unread: Live reminder. starts in 10 min');
    await entry.press('Enter');
    await expect
      .poll(() => bell(page).getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('Notifications, 0 unread');
    expect(await sys.as('notification', owner).unread_count()).toBe(0);
    await context.close();
  }, 300_000);
});
