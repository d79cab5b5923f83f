import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  openWithEvents,
  seriousViolations,
  startWidgetBrowser,
  type WidgetBrowser,
} from './widget-browser.ts';

/**
 * A visitor (no principal) on a club calendar whose source lists like the calendar canister: the
 * occurrences carry no description, location, colour or reminders. Every details load waits in
 * `window.__loads` until the test answers it (`__answer(i)`) or fails it (`__fail(i)`, with agent text
 * a visitor must not see).
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>popover details</title></head>
<body><main style="height:760px;width:1100px">
<icp-calendar date="2025-03-12" time-zone="UTC" locale="en-US" week-start="1"></icp-calendar></main>
<script type="module">
  import { MemoryCalendarSource } from './icp-calendar.js';
  const stored = new MemoryCalendarSource({
    principal: null,
    calendars: [{ id: 'club', name: 'Chess club', color: '#047857', writable: false }],
    events: [{
      id: 'match', calendarId: 'club', title: 'Match', timeZone: 'UTC', allDay: false,
      start: Date.UTC(2025, 2, 4, 18), end: Date.UTC(2025, 2, 4, 20), reminders: [],
      location: 'Town hall',
      description: 'Bring a clock. Rules: https://example.org/rules. Not a link: javascript:alert(1)',
    }, {
      id: 'quiz', calendarId: 'club', title: 'Quiz', timeZone: 'UTC', allDay: false,
      start: Date.UTC(2025, 2, 6, 19), end: Date.UTC(2025, 2, 6, 21), reminders: [],
      location: 'Cafe', description: 'Teams of four.',
    }],
  });
  window.__loads = [];
  window.__errors = [];
  window.__answer = (i) => window.__loads[i].answer();
  window.__fail = (i) => window.__loads[i].fail();
  const source = {
    principal: () => stored.principal(),
    getCalendars: () => stored.getCalendars(),
    async listOccurrences(ids, range) {
      const list = await stored.listOccurrences(ids, range);
      return list.map(({ description, location, color, ...rest }) => ({ ...rest, reminders: [] }));
    },
    getEventDetails: (target) =>
      new Promise((resolve, reject) => {
        window.__loads.push({
          target: { ...target },
          answer: () => resolve(stored.getEventDetails(target)),
          fail: () => reject(new Error('Query response did not contain any node signatures')),
        });
      }),
    createEvent: (input) => stored.createEvent(input),
    updateEvent: (target, input, scope) => stored.updateEvent(target, input, scope),
    deleteEvent: (target, scope) => stored.deleteEvent(target, scope),
  };
  const cal = document.querySelector('icp-calendar');
  cal.addEventListener('icp-error', (e) => window.__errors.push(e.detail));
  cal.source = source;
  await cal.updateComplete;
  document.body.dataset.ready = 'true';
</script></body></html>`;

interface TestWindow {
  __loads: { target: { eventId: string; recurrenceId: number } }[];
  __errors: { code: string; message: string }[];
  __answer(i: number): void;
  __fail(i: number): void;
}

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
const note = () => popover().locator('[role="status"]');
const chip = (eventId: string) => page.locator(`icp-calendar [data-event-id="${eventId}"]`).first();
/** The text of the popover's row labelled `label`, or null when it has none. */
const row = (label: string) =>
  popover().evaluate((dialog, wanted) => {
    const term = [...dialog.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === wanted);
    return term?.nextElementSibling?.textContent?.trim() ?? null;
  }, label);
const popoverText = async () => (await popover().textContent())!.replace(/\s+/g, ' ');
const loads = () => page.evaluate(() => (window as unknown as TestWindow).__loads.length);
const answer = (i: number) =>
  page.evaluate((index) => (window as unknown as TestWindow).__answer(index), i);
const fail = (i: number) =>
  page.evaluate((index) => (window as unknown as TestWindow).__fail(index), i);

async function closePopover(): Promise<void> {
  await page.keyboard.press('Escape');
  await popover().waitFor({ state: 'detached' });
}

/** Opens the event's popover by mouse or keyboard; resolves to the index of the details load it started. */
async function openPopover(eventId: string, how: 'mouse' | 'keyboard'): Promise<number> {
  const before = await loads();
  if (how === 'mouse') await chip(eventId).click();
  else {
    await chip(eventId).focus();
    await page.keyboard.press('Enter');
  }
  await popover().waitFor();
  await expect.poll(loads).toBe(before + 1);
  return before;
}

describe('the details popover loads what the occurrence list left out', () => {
  it('mouse: the list data at once with a loading hint, then location and description with safe links', async () => {
    const load = await openPopover('match', 'mouse');
    expect(
      await page.evaluate((i) => (window as unknown as TestWindow).__loads[i]!.target, load),
    ).toMatchObject({ eventId: 'match', recurrenceId: Date.UTC(2025, 2, 4, 18) });
    expect(await popoverText()).toContain('Match');
    expect(await popoverText()).toContain('Chess club');
    expect(await note().textContent()).toContain('Loading details…');
    expect(await popoverText()).not.toContain('Town hall');
    expect(await seriousViolations(page)).toEqual([]);

    await answer(load);
    await expect.poll(popoverText).toContain('Town hall');
    const text = await popoverText();
    expect(await row('Location')).toBe('Town hall');
    expect(await row('Description')).toBe(
      'Bring a clock. Rules: https://example.org/rules. Not a link: javascript:alert(1)',
    );
    expect(text).toContain('Not a link: javascript:alert(1)');
    expect(await note().count()).toBe(0);
    const links = await popover()
      .locator('a')
      .evaluateAll((nodes) =>
        nodes.map((node) => [node.getAttribute('href'), node.getAttribute('rel')]),
      );
    expect(links).toEqual([['https://example.org/rules', 'noopener noreferrer nofollow']]);
    expect(await popover().locator('a[href^="javascript:" i]').count()).toBe(0);
    await closePopover();
  });

  it('keyboard: Enter opens it with the loading hint, then the details', async () => {
    const load = await openPopover('quiz', 'keyboard');
    expect(await note().textContent()).toContain('Loading details…');
    expect(await popoverText()).not.toContain('Teams of four.');
    await answer(load);
    await expect.poll(() => row('Description')).toBe('Teams of four.');
    expect(await row('Location')).toBe('Cafe');
    expect(await note().count()).toBe(0);
    await closePopover();
  });

  it('a failed load says so in plain words and the popover stays usable', async () => {
    const load = await openPopover('match', 'mouse');
    await fail(load);
    await expect.poll(() => note().textContent()).toContain('The details could not be loaded.');
    const text = await popoverText();
    expect(text).toContain('Match');
    expect(text).not.toContain('node signatures');
    expect(text).not.toContain('Town hall');
    expect(
      await page.evaluate(() => (window as unknown as TestWindow).__errors.map((e) => e.code)),
    ).toEqual(['SOURCE_FAILED']);
    await popover().getByRole('button', { name: 'Close' }).click();
    await popover().waitFor({ state: 'detached' });
  });

  it('a late answer for an event no longer shown is not shown, whichever answer comes first', async () => {
    const matchLoad = await openPopover('match', 'mouse');
    await closePopover();
    const quizLoad = await openPopover('quiz', 'mouse');
    await answer(matchLoad);
    // Give the stale answer every chance to render before looking.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
    expect(await popoverText()).not.toContain('Town hall');
    expect(await note().textContent()).toContain('Loading details…');
    await answer(quizLoad);
    await expect.poll(popoverText).toContain('Teams of four.');
    await closePopover();

    // Out of order the other way: the answer for the popover shown now comes first.
    const first = await openPopover('match', 'keyboard');
    await closePopover();
    const second = await openPopover('quiz', 'keyboard');
    await answer(second);
    await expect.poll(popoverText).toContain('Teams of four.');
    await answer(first);
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
    expect(await popoverText()).not.toContain('Town hall');
    expect(await row('Location')).toBe('Cafe');
    await closePopover();
  });
});
