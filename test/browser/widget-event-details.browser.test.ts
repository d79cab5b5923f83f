import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openWithEvents, startWidgetBrowser, type WidgetBrowser } from './widget-browser.ts';

/**
 * A source that lists like the calendar canister (no description, location, colour or reminders in the
 * occurrences) over a memory source holding one event that has them. Its details load only when the
 * test calls `__release()`, or fail after `__failNext = true`.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>details</title></head>
<body><main style="height:760px;width:1100px">
<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US" week-start="1"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  const stored = new MemoryCalendarSource({
    principal: 'aaaaa-aa',
    calendars: [{ id: 'club', name: 'Chess club', color: '#047857', writable: true }],
    events: [{
      id: 'match', calendarId: 'club', title: 'Match', timeZone: 'UTC', allDay: false,
      start: Date.UTC(2025, 2, 4, 18), end: Date.UTC(2025, 2, 4, 20), reminders: [45],
      location: 'Town hall', description: 'Bring a clock.',
    }],
  });
  const release = [];
  window.__release = () => release.splice(0).forEach((go) => go());
  window.__failNext = false;
  const source = {
    principal: () => stored.principal(),
    getCalendars: () => stored.getCalendars(),
    async listOccurrences(ids, range) {
      const list = await stored.listOccurrences(ids, range);
      return list.map(({ description, location, color, ...rest }) => ({ ...rest, reminders: [] }));
    },
    async getEventDetails(target) {
      if (window.__failNext) {
        window.__failNext = false;
        throw new Error('the shard did not answer');
      }
      await new Promise((go) => release.push(go));
      return stored.getEventDetails(target);
    },
    createEvent: (input) => stored.createEvent(input),
    updateEvent: (target, input, scope) => stored.updateEvent(target, input, scope),
    deleteEvent: (target, scope) => stored.deleteEvent(target, scope),
  };
  window.__stored = stored;
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
const save = () => dialog().locator('button[type="submit"]');

/** What the underlying store holds for the event, read back through the source. */
const storedEvent = () =>
  page.evaluate(async () => {
    const stored = (
      window as unknown as {
        __stored: {
          getEventDetails(target: object): Promise<{ description: string }>;
          listOccurrences(ids: string[], range: object): Promise<{ title: string }[]>;
        };
      }
    ).__stored;
    const [first] = await stored.listOccurrences(['club'], {
      start: Date.UTC(2025, 2, 1),
      end: Date.UTC(2025, 3, 1),
    });
    const details = await stored.getEventDetails({
      eventId: 'match',
      recurrenceId: Date.UTC(2025, 2, 4, 18),
    });
    return { title: first?.title, ...details };
  });

/** Opens the event's popover (which loads the details too), then Edit; `failEditLoad`: the dialog's load fails. */
async function openMatch(title: string, failEditLoad = false): Promise<void> {
  await page.locator('icp-calendar [part~="event"]', { hasText: title }).click();
  const edit = page.locator('icp-calendar icp-event-popover').getByRole('button', { name: 'Edit' });
  await edit.waitFor();
  if (failEditLoad)
    await page.evaluate(() => ((window as unknown as { __failNext: boolean }).__failNext = true));
  await edit.click();
  await field('title').waitFor();
}

describe('editing an event whose list entry lacks its details', () => {
  it('loads them into the dialog, keeps Save off until then, and a title edit keeps them', async () => {
    await openMatch('Match');
    expect(await save().isDisabled()).toBe(true);
    expect(await field('description').isDisabled()).toBe(true);
    await page.evaluate(() => (window as unknown as { __release(): void }).__release());
    await expect.poll(() => save().isDisabled()).toBe(false);
    expect(await field('location').inputValue()).toBe('Town hall');
    expect(await field('description').inputValue()).toBe('Bring a clock.');
    expect(await field('otherReminders').inputValue()).toBe('45');
    expect(await field('ownColor').isChecked()).toBe(false);

    await field('title').fill('Final match');
    await save().click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await storedEvent()).title).toBe('Final match');
    expect(await storedEvent()).toEqual({
      title: 'Final match',
      reminders: [45],
      location: 'Town hall',
      description: 'Bring a clock.',
      color: '',
    });
  });

  it('when loading fails, says so, and a save keeps what it could not load', async () => {
    await openMatch('Final match', true);
    await expect
      .poll(() => dialog().locator('.problem').textContent())
      .toContain('the shard did not answer');
    expect(await field('description').isDisabled()).toBe(true);
    await field('title').fill('Last match');
    await save().click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await storedEvent()).title).toBe('Last match');
    expect(await storedEvent()).toEqual({
      title: 'Last match',
      reminders: [45],
      location: 'Town hall',
      description: 'Bring a clock.',
      color: '',
    });
  });

  it('emptying the description on purpose clears it', async () => {
    await openMatch('Last match');
    await page.evaluate(() => (window as unknown as { __release(): void }).__release());
    await expect.poll(() => field('description').inputValue()).toBe('Bring a clock.');
    await field('description').fill('');
    await save().click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await storedEvent()).description).toBe('');
    expect(await storedEvent()).toMatchObject({ location: 'Town hall', reminders: [45] });
  });
});
