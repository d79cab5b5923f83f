/**
 * `npm run screenshots [-- <dir>]`: PNGs of the month, week, day and agenda views in the light theme,
 * the dark theme and a phone layout (390 × 844, light), written to `<dir>` (default `screenshots/`,
 * git-ignored) as `<layout>-<view>.png`. The calendar is the browser tests' page (TEST_PAGE: a
 * MemoryCalendarSource with known events in March 2025), served on 127.0.0.1 with a fresh bundle;
 * the server and Chromium it starts are closed before it returns.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { buildWidget } from './build.ts';
import { CHROMIUM_ARGS, servePages } from './testing/static-server.ts';
import { TEST_PAGE } from './testing/test-page.ts';

export const SCREENSHOT_VIEWS = ['month', 'week', 'day', 'agenda'] as const;

export const SCREENSHOT_LAYOUTS = {
  light: { theme: 'light', viewport: { width: 1200, height: 860 } },
  dark: { theme: 'dark', viewport: { width: 1200, height: 860 } },
  phone: { theme: 'light', viewport: { width: 390, height: 844 } },
} as const;

/** The test page filling the viewport, so the phone layout is the widget's own narrow layout. */
const FULL_PAGE = TEST_PAGE.replace(
  'main{height:760px;width:1100px}',
  'main{height:100vh;width:100%;box-sizing:border-box;padding:0 4px}',
);

/** Writes every layout × view to `dir`; returns the files written. */
export async function writeScreenshots(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const bundle = await readFile(await buildWidget());
  const server = await servePages(
    new Map([
      ['/', { contentType: 'text/html', body: FULL_PAGE }],
      ['/icp-calendar.js', { contentType: 'text/javascript', body: bundle }],
    ]),
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const written: string[] = [];
  try {
    for (const [layout, { theme, viewport }] of Object.entries(SCREENSHOT_LAYOUTS)) {
      const context = await browser.newContext({
        viewport,
        timezoneId: 'UTC',
        locale: 'en-US',
        colorScheme: theme,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready]');
      for (const view of SCREENSHOT_VIEWS) {
        await page.evaluate(
          async ({ theme, view }) => {
            const cal = document.getElementById('cal') as HTMLElement & {
              view: string;
              updateComplete: Promise<unknown>;
            };
            cal.setAttribute('theme', theme);
            document.body.style.background = theme === 'dark' ? '#111827' : '#ffffff';
            document.body.style.color = theme === 'dark' ? '#f3f4f6' : '#1f2937';
            cal.view = view;
            for (let i = 0; i < 3; i++) {
              await cal.updateComplete;
              await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
            }
          },
          { theme, view },
        );
        await page.locator('icp-calendar [part~="event"]').first().waitFor();
        const file = join(dir, `${layout}-${view}.png`);
        await page.screenshot({ path: file });
        written.push(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = resolve(process.argv[2] ?? 'screenshots');
  for (const file of await writeScreenshots(dir)) console.log(file);
}
