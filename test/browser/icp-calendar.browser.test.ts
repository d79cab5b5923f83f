import { readFile } from 'node:fs/promises';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWidget } from '../../web-components/build.ts';
import {
  CHROMIUM_ARGS,
  servePages,
  type PageServer,
} from '../../web-components/testing/static-server.ts';
import { TEST_PAGE } from '../../web-components/testing/test-page.ts';
import { seriousViolations, settle } from './widget-browser.ts';

let server: PageServer;
let browser: Browser;

beforeAll(async () => {
  const bundle = await readFile(await buildWidget());
  server = await servePages(
    new Map([
      ['/', { contentType: 'text/html', body: TEST_PAGE }],
      ['/icp-calendar.js', { contentType: 'text/javascript', body: bundle }],
    ]),
  );
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openCalendar(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
  await page.waitForFunction(() =>
    document.querySelector('icp-calendar')?.shadowRoot?.querySelector('icp-month-grid'),
  );
  await settle(page);
  expect(problems).toEqual([]);
  return page;
}

async function setView(page: Page, view: string): Promise<void> {
  await page.evaluate(
    (value) => document.querySelector('icp-calendar')!.setAttribute('view', value),
    view,
  );
  await settle(page);
}

/** Labels of the event buttons drawn in the current view. */
async function eventLabels(page: Page): Promise<string[]> {
  return page.locator('icp-calendar [part~="event"]').evaluateAll((nodes) =>
    nodes.map((node) =>
      (node.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^([\d:]+ [AP]M|All day) /, ''),
    ),
  );
}

async function focusedDay(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('data-day') ?? null;
  });
}

describe('<icp-calendar> in Chromium', () => {
  it('month view: grid roles, 42 day cells, chips only for visible events and a correct "+N more"', async () => {
    const page = await openCalendar();
    expect(await page.locator('icp-calendar [role="gridcell"]').count()).toBe(42);
    const labels = await eventLabels(page);
    expect(labels.some((label) => label.startsWith('Design review'))).toBe(true);
    expect(labels.filter((label) => label.startsWith('Standup'))).toHaveLength(5);
    // 20 March holds 5 events and the trip: 2 drawn + "+4 more" (max 3 rows).
    const more = page.locator('icp-calendar [data-day="2025-03-20"] [part~="more"]');
    expect((await more.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      '+4 more events on March 20',
    );
    expect(await page.locator('icp-calendar [data-day="2025-03-20"] [part~="event"]').count()).toBe(
      1,
    );
    await more.click();
    const focusedInPanel = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.closest('[part~="more-panel"]') !== null;
    });
    expect(focusedInPanel).toBe(true);
    expect(await page.locator('icp-calendar [part~="more-panel"] [part~="event"]').count()).toBe(6);
    await page.context().close();
  });

  it('week, day and agenda views render their events', async () => {
    const page = await openCalendar();
    await setView(page, 'week');
    expect(await page.locator('icp-calendar icp-time-grid [role="gridcell"].column').count()).toBe(
      7,
    );
    const week = await eventLabels(page);
    expect(week.filter((label) => /^(Design review|Overlapping call)/.test(label))).toHaveLength(2);
    const widths = await page
      .locator('icp-calendar icp-time-grid [part~="event"]', {
        hasText: /Design review|Overlapping call/,
      })
      .evaluateAll((nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().left)));
    expect(new Set(widths).size).toBe(2);
    await setView(page, 'day');
    expect(await page.locator('icp-calendar icp-time-grid [role="gridcell"].column').count()).toBe(
      1,
    );
    await setView(page, 'agenda');
    const agenda = await eventLabels(page);
    expect(agenda.filter((label) => label.startsWith('Standup'))).toHaveLength(5);
    expect(agenda.some((label) => label.startsWith('Conference trip'))).toBe(true);
    await page.context().close();
  });

  it('keyboard: roving tabindex with arrows, Home/End and PageDown across months', async () => {
    const page = await openCalendar();
    await page.evaluate(() =>
      (document.querySelector('icp-calendar') as unknown as { focusGrid(): void }).focusGrid(),
    );
    await settle(page);
    expect(await focusedDay(page)).toBe('2025-03-12');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    expect(await focusedDay(page)).toBe('2025-03-13');
    await page.keyboard.press('ArrowDown');
    await settle(page);
    expect(await focusedDay(page)).toBe('2025-03-20');
    await page.keyboard.press('Home');
    await settle(page);
    expect(await focusedDay(page)).toBe('2025-03-17');
    await page.keyboard.press('End');
    await settle(page);
    expect(await focusedDay(page)).toBe('2025-03-23');
    await page.keyboard.press('PageDown');
    await settle(page);
    expect(await focusedDay(page)).toBe('2025-04-23');
    expect(await page.locator('icp-calendar [role="gridcell"][tabindex="0"]').count()).toBe(1);
    expect(await page.getAttribute('icp-calendar', 'date')).toBe('2025-04-23');
    await page.context().close();
  });

  it('creates an event by dragging over slots in the week view and saving the dialog', async () => {
    const page = await openCalendar();
    await setView(page, 'week');
    const column = page.locator('icp-calendar icp-time-grid [data-day="2025-03-13"]');
    await column.scrollIntoViewIfNeeded();
    const box = (await column.boundingBox())!;
    const hour = box.height / 24;
    await page.evaluate((y) => {
      const grid = document
        .querySelector('icp-calendar')!
        .shadowRoot!.querySelector('icp-time-grid') as HTMLElement;
      grid.scrollTop = y;
    }, 12 * hour);
    const top = (await column.boundingBox())!.y;
    await page.mouse.move(box.x + box.width / 2, top + 14 * hour + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, top + 15 * hour + 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, top + 15.5 * hour + 2, { steps: 5 });
    await page.mouse.up();
    const title = page.locator('icp-calendar icp-event-dialog input[name="title"]');
    await title.waitFor();
    expect(
      await page.locator('icp-calendar icp-event-dialog input[name="start"]').inputValue(),
    ).toBe('2025-03-13T14:00');
    expect(await page.locator('icp-calendar icp-event-dialog input[name="end"]').inputValue()).toBe(
      '2025-03-13T15:30',
    );
    await title.fill('Planning');
    await page.keyboard.press('Enter');
    await page.waitForFunction(async () => {
      const source = (
        window as unknown as {
          __source: {
            listOccurrences: (
              ids: string[],
              range: object,
            ) => Promise<{ title: string; start: number; end: number }[]>;
          };
        }
      ).__source;
      const list = await source.listOccurrences(['work'], {
        start: Date.UTC(2025, 2, 13),
        end: Date.UTC(2025, 2, 14),
      });
      return list.some(
        (o) =>
          o.title === 'Planning' &&
          o.start === Date.UTC(2025, 2, 13, 14) &&
          o.end === Date.UTC(2025, 2, 13, 15, 30),
      );
    });
    await settle(page);
    expect((await eventLabels(page)).some((label) => label.startsWith('Planning'))).toBe(true);
    await page.context().close();
  });

  it('edits an event in the dialog; focus is trapped in it and returns on close', async () => {
    const page = await openCalendar();
    const chip = page.locator('icp-calendar [part~="event"][data-event-id="review"]');
    await chip.click();
    await page
      .locator('icp-calendar icp-event-popover')
      .getByRole('button', { name: 'Edit' })
      .click();
    const title = page.locator('icp-calendar icp-event-dialog input[name="title"]');
    await title.waitFor();
    expect(await title.inputValue()).toBe('Design review');
    // Tab many times: focus never leaves the dialog.
    for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
    const inDialog = await page.evaluate(() => {
      const dialog = document
        .querySelector('icp-calendar')!
        .shadowRoot!.querySelector('icp-event-dialog')!;
      return dialog.shadowRoot!.activeElement !== null;
    });
    expect(inDialog).toBe(true);
    await title.fill('Design review (moved)');
    await page.locator('icp-calendar icp-event-dialog button[type="submit"]').click();
    await page.waitForFunction(() =>
      [
        ...document
          .querySelector('icp-calendar')!
          .shadowRoot!.querySelector('icp-month-grid')!
          .shadowRoot!.querySelectorAll('[part~="event"]'),
      ].some((node) => node.textContent?.includes('Design review (moved)')),
    );
    expect(
      await page.evaluate(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.getAttribute('data-event-id');
      }),
    ).toBe('review');
    await page.context().close();
  });

  it('deletes one occurrence of a weekly event and keeps the others', async () => {
    const page = await openCalendar();
    const standups = () => page.locator('icp-calendar [part~="event"][data-event-id="standup"]');
    expect(await standups().count()).toBe(5);
    await page.locator('icp-calendar [data-day="2025-03-10"] [data-event-id="standup"]').click();
    await page
      .locator('icp-calendar icp-event-popover')
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.locator('icp-calendar icp-event-dialog input[name="scope"][value="this"]').check();
    await page.locator('icp-calendar icp-event-dialog button.danger').click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('icp-calendar')!
          .shadowRoot!.querySelector('icp-month-grid')!
          .shadowRoot!.querySelectorAll('[data-event-id="standup"]').length === 4,
    );
    await settle(page);
    expect(
      await page.locator('icp-calendar [data-day="2025-03-10"] [data-event-id="standup"]').count(),
    ).toBe(0);
    expect(
      await page.locator('icp-calendar [data-day="2025-03-17"] [data-event-id="standup"]').count(),
    ).toBe(1);
    await page.context().close();
  });

  it('moves an event by dragging it in the week view', async () => {
    const page = await openCalendar();
    await setView(page, 'week');
    const chip = page.locator('icp-calendar icp-time-grid [data-event-id="review"]');
    await chip.scrollIntoViewIfNeeded();
    const box = (await chip.boundingBox())!;
    const column = (await page
      .locator('icp-calendar icp-time-grid [data-day="2025-03-12"]')
      .boundingBox())!;
    const hour = column.height / 24;
    await page.mouse.move(box.x + 10, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 10 + column.width, box.y + 5 + hour / 2, { steps: 6 });
    await page.mouse.move(box.x + 10 + column.width, box.y + 5 + hour, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(async () => {
      const source = (
        window as unknown as {
          __source: {
            listOccurrences: (
              ids: string[],
              range: object,
            ) => Promise<{ eventId: string; title: string; start: number }[]>;
          };
        }
      ).__source;
      const list = await source.listOccurrences(['work'], {
        start: Date.UTC(2025, 2, 13),
        end: Date.UTC(2025, 2, 14),
      });
      return list.some((o) => o.title === 'Design review' && o.start === Date.UTC(2025, 2, 13, 11));
    });
    expect(await page.locator('icp-event-dialog dialog[open]').count()).toBe(0);
    await page.context().close();
  });

  /** Drags the week view's Standup (Monday 10 March, 09:00) down by an hour. */
  async function dragStandupAnHourLater(page: Page): Promise<void> {
    await setView(page, 'week');
    const chip = page.locator('icp-calendar icp-time-grid [data-event-id="standup"]');
    await chip.scrollIntoViewIfNeeded();
    const box = (await chip.boundingBox())!;
    const column = (await page
      .locator('icp-calendar icp-time-grid [data-day="2025-03-10"]')
      .boundingBox())!;
    const hour = column.height / 24;
    await page.mouse.move(box.x + 10, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 10, box.y + 5 + hour / 2, { steps: 6 });
    await page.mouse.move(box.x + 10, box.y + 5 + hour, { steps: 6 });
    await page.mouse.up();
  }

  /** Standup starts as `MM-DDTHH:MM` (UTC), read from the source, and the scopes of icp-event-change. */
  async function standupStarts(page: Page): Promise<string[]> {
    return page.evaluate(async () => {
      const source = (
        window as unknown as {
          __source: {
            listOccurrences: (
              ids: string[],
              range: object,
            ) => Promise<{ title: string; start: number }[]>;
          };
        }
      ).__source;
      const list = await source.listOccurrences(['work'], {
        start: Date.UTC(2025, 2, 1),
        end: Date.UTC(2025, 4, 1),
      });
      return list
        .filter((o) => o.title === 'Standup')
        .map((o) => new Date(o.start).toISOString().slice(5, 16))
        .sort();
    });
  }

  async function recordChanges(page: Page): Promise<void> {
    await page.evaluate(() => {
      const w = window as unknown as { __changes: string[] };
      w.__changes = [];
      document
        .querySelector('icp-calendar')!
        .addEventListener('icp-event-change', (e) =>
          w.__changes.push((e as CustomEvent<{ scope: string }>).detail.scope),
        );
    });
  }

  const ORIGINAL_STANDUPS = [
    '03-03T09:00',
    '03-10T09:00',
    '03-17T09:00',
    '03-24T09:00',
    '03-31T09:00',
    '04-07T09:00',
  ];

  for (const [scope, expected] of [
    [
      'this',
      ['03-03T09:00', '03-10T10:00', '03-17T09:00', '03-24T09:00', '03-31T09:00', '04-07T09:00'],
    ],
    [
      'following',
      ['03-03T09:00', '03-10T10:00', '03-17T10:00', '03-24T10:00', '03-31T10:00', '04-07T10:00'],
    ],
    [
      'all',
      ['03-03T10:00', '03-10T10:00', '03-17T10:00', '03-24T10:00', '03-31T10:00', '04-07T10:00'],
    ],
  ] as const) {
    it(`dragging one occurrence of a weekly event asks which events change: "${scope}"`, async () => {
      const page = await openCalendar();
      await recordChanges(page);
      await dragStandupAnHourLater(page);
      const question = page.locator('icp-calendar icp-scope-dialog dialog[open]');
      await question.waitFor();
      expect(await question.textContent()).toContain(
        'New time for "Standup": Monday, March 10, 2025, 10:00',
      );
      expect(await standupStarts(page)).toEqual(ORIGINAL_STANDUPS);
      // Keyboard users land on the chosen answer ("this event" until they pick another).
      expect(
        await page.evaluate(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return (active as HTMLInputElement | null)?.value;
        }),
      ).toBe('this');
      await page
        .locator(`icp-calendar icp-scope-dialog input[name="scope"][value="${scope}"]`)
        .check();
      await page.locator('icp-calendar icp-scope-dialog button[type="submit"]').click();
      await expect
        .poll(() => standupStarts(page))
        .toEqual(
          // "following" starts a new series of the same rule (COUNT=6) on 10 March, hence one more.
          scope === 'following' ? [...expected, '04-14T10:00'] : expected,
        );
      expect(
        await page.evaluate(() => (window as unknown as { __changes: string[] }).__changes),
      ).toEqual([scope]);
      expect(await question.count()).toBe(0);
      await page.context().close();
    });
  }

  it('the question passes axe-core; cancelling it (Escape) writes nothing and leaves the chip where it was', async () => {
    const page = await openCalendar();
    await recordChanges(page);
    await setView(page, 'week');
    const chip = page.locator('icp-calendar icp-time-grid [data-event-id="standup"]');
    await chip.scrollIntoViewIfNeeded();
    const before = (await chip.boundingBox())!;
    await dragStandupAnHourLater(page);
    await page.locator('icp-calendar icp-scope-dialog dialog[open]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('icp-calendar icp-scope-dialog dialog[open]').waitFor({ state: 'detached' });
    await settle(page);
    expect(await standupStarts(page)).toEqual(ORIGINAL_STANDUPS);
    const after = (await chip.boundingBox())!;
    expect(Math.round(after.y)).toBe(Math.round(before.y));
    expect(await page.locator('icp-calendar icp-time-grid .preview').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __changes: string[] }).__changes),
    ).toEqual([]);
    await page.context().close();
  });

  it('says it is saving (aria-busy, "Saving…") until the source answers a write', async () => {
    const page = await openCalendar();
    await page.evaluate(() => {
      const w = window as unknown as {
        __source: { deleteEvent: (...args: unknown[]) => Promise<void> };
        __release: () => void;
      };
      const original = w.__source.deleteEvent.bind(w.__source);
      w.__source.deleteEvent = async (...args) => {
        await new Promise<void>((resolve) => (w.__release = resolve));
        return original(...args);
      };
    });
    await page.locator('icp-calendar [part~="event"][data-event-id="review"]').click();
    await page
      .locator('icp-calendar icp-event-popover')
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.locator('icp-calendar icp-event-dialog button.danger').click();
    await page.locator('icp-calendar[aria-busy="true"]').waitFor();
    const status = page.locator('icp-calendar icp-calendar-toolbar [role="status"]');
    expect(await status.textContent()).toBe('Saving…');
    await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
    await page.locator('icp-calendar:not([aria-busy])').waitFor();
    expect(await status.textContent()).toBe('');
    expect(await page.locator('icp-calendar [part~="event"][data-event-id="review"]').count()).toBe(
      0,
    );
    await page.context().close();
  });

  it('rolls back a refused write, shows the message and emits icp-error', async () => {
    const page = await openCalendar();
    await page.evaluate(() => {
      const w = window as unknown as { __source: { refuseWrites: unknown }; __errors: string[] };
      w.__source.refuseWrites = { code: 'QUOTA_EXCEEDED', message: 'This calendar is full' };
      w.__errors = [];
      document
        .querySelector('icp-calendar')!
        .addEventListener('icp-error', (e) =>
          w.__errors.push((e as CustomEvent<{ code: string }>).detail.code),
        );
    });
    await page.locator('icp-calendar [part~="event"][data-event-id="review"]').click();
    await page
      .locator('icp-calendar icp-event-popover')
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.locator('icp-calendar icp-event-dialog button.danger').click();
    await page.locator('icp-calendar [part~="error"]').waitFor();
    // A refusal keeps the canister's own words, without a Retry.
    expect((await page.locator('icp-calendar [part~="error"]').textContent())?.trim()).toBe(
      'This calendar is full',
    );
    expect(await page.locator('icp-calendar [part~="event"][data-event-id="review"]').count()).toBe(
      1,
    );
    expect(
      await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors),
    ).toEqual(['QUOTA_EXCEEDED']);
    await page.context().close();
  });

  for (const view of ['month', 'week', 'day', 'agenda']) {
    it(`axe-core finds no serious or critical violation in the ${view} view`, async () => {
      const page = await openCalendar();
      await setView(page, view);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
