import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  seriousViolations,
  openWithEvents,
  startWidgetBrowser,
  type WidgetBrowser,
} from './widget-browser.ts';

/** A signed-in owner of one calendar, with one event that has a location, a description and its own colour. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dialog</title></head>
<body><main style="height:760px;width:1100px">
<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US" week-start="1"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  const source = new MemoryCalendarSource({
    principal: 'aaaaa-aa',
    calendars: [{ id: 'club', name: 'Chess club', color: '#047857', writable: true }],
    events: [{
      id: 'match', calendarId: 'club', title: 'Match', timeZone: 'UTC', allDay: false,
      start: Date.UTC(2025, 2, 4, 18), end: Date.UTC(2025, 2, 4, 20), reminders: [10, 45],
      location: 'Town hall', description: 'Bring a clock.', color: '#b91c1c',
    }],
  });
  window.__source = source;
  const cal = document.querySelector('icp-calendar');
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

const dialog = () => page.locator('icp-calendar icp-event-dialog dialog[open]');
const field = (name: string) => dialog().locator(`[name="${name}"]`);

/** The stored events of March 2025 as the source lists them. */
const stored = () =>
  page.evaluate(async () => {
    type Stored = {
      title: string;
      location?: string;
      description?: string;
      color?: string;
      reminders: number[];
    };
    const source = (
      window as unknown as {
        __source: { listOccurrences(ids: string[], range: object): Promise<Stored[]> };
      }
    ).__source;
    const all = await source.listOccurrences(['club'], {
      start: Date.UTC(2025, 2, 1),
      end: Date.UTC(2025, 3, 1),
    });
    return all.map(({ title, location, description, color, reminders }) => ({
      title,
      location,
      description,
      color,
      reminders,
    }));
  });

async function openCreateDialog(day: string): Promise<void> {
  const cell = page.locator(`icp-calendar [role="gridcell"][data-day="${day}"]`).first();
  // A dialog closed just before may hand focus back a frame later (slow under load): focus the
  // day until it holds, so Enter opens the create dialog and not what had focus before.
  await expect
    .poll(async () => {
      await cell.focus();
      await page.waitForTimeout(50);
      return cell.evaluate((element) => element.matches(':focus'));
    })
    .toBe(true);
  await page.keyboard.press('Enter');
  await field('title').waitFor();
}

describe('the event dialog', () => {
  it('shows an event’s location, description, own colour and reminders when editing', async () => {
    await page.locator('icp-calendar [part~="event"]', { hasText: 'Match' }).click();
    await page
      .locator('icp-calendar icp-event-popover')
      .getByRole('button', { name: 'Edit' })
      .click();
    await field('title').waitFor();
    expect(await field('location').inputValue()).toBe('Town hall');
    expect(await field('description').inputValue()).toBe('Bring a clock.');
    expect(await field('ownColor').isChecked()).toBe(true);
    expect(await field('color').inputValue()).toBe('#b91c1c');
    expect(await dialog().locator('input[name="reminder"][value="10"]').isChecked()).toBe(true);
    expect(await field('otherReminders').inputValue()).toBe('45');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('refuses what the canister would refuse, with the reason, and writes nothing', async () => {
    await openCreateDialog('2025-03-19');
    await field('title').fill('Too much');
    await field('otherReminders').fill('15, 40321');
    await dialog().locator('button[type="submit"]').click();
    await expect
      .poll(() => dialog().locator('.problem').textContent())
      .toContain('whole minutes from 0 to 40320');

    await field('otherReminders').fill('');
    await field('description').fill('é'.repeat(4097));
    await dialog().locator('button[type="submit"]').click();
    await expect
      .poll(() => dialog().locator('.problem').textContent())
      .toContain('at most 8192 bytes');

    await field('description').fill('');
    await field('otherReminders').fill(Array.from({ length: 51 }, (_, i) => i + 100).join(','));
    await dialog().locator('button[type="submit"]').click();
    await expect
      .poll(() => dialog().locator('.problem').textContent())
      .toContain('at most 50 reminders');

    expect((await stored()).map((event) => event.title)).toEqual(['Match']);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('creates an all-day event with a location, a description, its own colour and several reminders', async () => {
    await openCreateDialog('2025-03-20');
    await field('title').fill('Tournament');
    await field('allDay').check();
    await field('startDate').waitFor();
    await field('location').fill('Chess hall, 2nd floor');
    await field('description').fill('Two rounds.\nLunch on site.');
    await field('ownColor').check();
    await field('color').fill('#6d28d9');
    await dialog().locator('input[name="reminder"][value="1440"]').check();
    await field('otherReminders').fill('90, 5 120');
    await dialog().locator('button[type="submit"]').click();
    await page
      .locator('icp-calendar [part~="event"]:not([data-event-id^="pending-"])', {
        hasText: 'Tournament',
      })
      .first()
      .waitFor();
    const tournament = (await stored()).find((event) => event.title === 'Tournament');
    expect(tournament).toEqual({
      title: 'Tournament',
      location: 'Chess hall, 2nd floor',
      description: 'Two rounds.\nLunch on site.',
      color: '#6d28d9',
      reminders: [5, 90, 120, 1440],
    });
  });
});
