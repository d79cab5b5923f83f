import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_PAGE } from '../../web-components/testing/test-page.ts';
import {
  seriousViolations,
  settle,
  startWidgetBrowser,
  type WidgetBrowser,
} from './widget-browser.ts';

let widget: WidgetBrowser;
let page: Page;

beforeAll(async () => {
  widget = await startWidgetBrowser({ '/': TEST_PAGE });
  page = await widget.open('/');
  await page.waitForSelector('body[data-ready]');
  // The toolbar's sign-in button, as a page with `sign-in` gets it (no canister needed to draw it).
  await page.evaluate(() => {
    const cal = document.querySelector('icp-calendar') as HTMLElement & { signInProvider: unknown };
    cal.signInProvider = {
      name: 'Example ID',
      restore: async () => undefined,
      signIn: () => new Promise(() => {}),
      signOut: async () => {},
    };
  });
  await settle(page);
});

afterAll(async () => {
  await widget?.close();
});

const LIGHT = { bg: 'rgb(255, 255, 255)', fg: 'rgb(31, 41, 55)', muted: 'rgb(107, 114, 128)' };
const DARK = { bg: 'rgb(17, 24, 39)', fg: 'rgb(243, 244, 246)', muted: 'rgb(156, 163, 175)' };
const SURFACE = { light: 'rgb(255, 255, 255)', dark: 'rgb(31, 41, 55)' };

async function setAttribute(name: string, value: string): Promise<void> {
  await page.evaluate(
    ([key, text]) => document.querySelector('icp-calendar')!.setAttribute(key!, text!),
    [name, value],
  );
  await settle(page);
}

function style(selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((node, name) => getComputedStyle(node).getPropertyValue(name), property);
}

/** The colours each part ends up with, read in the month, agenda and dialog. */
async function partColours() {
  await setAttribute('view', 'month');
  const month = {
    host: await style('icp-calendar', 'background-color'),
    toolbarButton: await style('icp-calendar-toolbar button', 'background-color'),
    toolbarText: await style('icp-calendar-toolbar button', 'color'),
    signIn: await style('icp-sign-in button', 'background-color'),
    weekday: await style('icp-month-grid [role="columnheader"]', 'color'),
    day: await style('icp-month-grid [role="gridcell"]', 'color'),
  };
  await setAttribute('view', 'week');
  const hours = await style('icp-time-grid [role="rowheader"]', 'color');
  const weekHead = await style('icp-time-grid .head', 'background-color');
  await setAttribute('view', 'agenda');
  const agenda = await style('icp-agenda-list h3', 'color');
  return { ...month, hours, weekHead, agenda };
}

async function openDialog(): Promise<void> {
  await setAttribute('view', 'month');
  await page.locator('icp-calendar [data-day="2025-03-12"] .day-number').click();
  await page.locator('icp-event-dialog dialog[open]').waitFor();
}

async function closeDialog(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('icp-event-dialog dialog[open]').waitFor({ state: 'detached' });
}

async function auditEveryView(): Promise<string[]> {
  const found: string[] = [];
  for (const view of ['month', 'week', 'agenda']) {
    await setAttribute('view', view);
    found.push(...(await seriousViolations(page)).map((text) => `${view}: ${text}`));
  }
  await openDialog();
  found.push(...(await seriousViolations(page)).map((text) => `dialog: ${text}`));
  await closeDialog();
  return found;
}

describe('<icp-calendar> themes', () => {
  it('light: every part draws with the light tokens, and axe passes in every view and the dialog', async () => {
    expect(await partColours()).toEqual({
      host: LIGHT.bg,
      toolbarButton: LIGHT.bg,
      toolbarText: LIGHT.fg,
      signIn: LIGHT.bg,
      weekday: LIGHT.muted,
      day: LIGHT.fg,
      hours: LIGHT.muted,
      weekHead: LIGHT.bg,
      agenda: LIGHT.fg,
    });
    expect(await auditEveryView()).toEqual([]);
  });

  it('dark: the toolbar, grids, agenda, sign-in and dialog all turn dark, and axe (colour contrast too) passes', async () => {
    await setAttribute('theme', 'dark');
    expect(await partColours()).toEqual({
      host: DARK.bg,
      toolbarButton: DARK.bg,
      toolbarText: DARK.fg,
      signIn: DARK.bg,
      weekday: DARK.muted,
      day: DARK.fg,
      hours: DARK.muted,
      weekHead: DARK.bg,
      agenda: DARK.fg,
    });
    await openDialog();
    expect(await style('icp-event-dialog dialog', 'background-color')).toBe(SURFACE.dark);
    expect(await style('icp-event-dialog input[name="title"]', 'color-scheme')).toBe('dark');
    await closeDialog();
    expect(await auditEveryView()).toEqual([]);
  });

  it('auto follows the colour scheme, and a page override of one token reaches every part', async () => {
    await setAttribute('theme', 'auto');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await style('icp-calendar-toolbar button', 'background-color')).toBe(LIGHT.bg);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await style('icp-calendar-toolbar button', 'background-color')).toBe(DARK.bg);
    expect(await style('icp-agenda-list h3, icp-month-grid [role="gridcell"]', 'color')).toBe(
      DARK.fg,
    );
    await page.evaluate(() =>
      document
        .querySelector<HTMLElement>('icp-calendar')!
        .style.setProperty('--icp-calendar-border', '#ff0000'),
    );
    await setAttribute('view', 'week');
    expect(await style('icp-calendar-toolbar button', 'border-top-color')).toBe('rgb(255, 0, 0)');
    expect(await style('icp-time-grid .column', 'border-left-color')).toBe('rgb(255, 0, 0)');
  });
});
