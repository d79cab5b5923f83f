import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

import { buildWidget } from '../../web-components/build.ts';
import {
  CHROMIUM_ARGS,
  servePages,
  type PageServer,
  type ServedFile,
} from '../../web-components/testing/static-server.ts';

const require = createRequire(import.meta.url);

/** One Chromium and one loopback server holding the bundle and the given pages (path → html). */
export interface WidgetBrowser {
  browser: Browser;
  server: PageServer;
  open(path: string, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startWidgetBrowser(pages: Record<string, string>): Promise<WidgetBrowser> {
  const bundle = await readFile(await buildWidget());
  const files = new Map<string, ServedFile>(
    Object.entries(pages).map(([path, body]) => [path, { contentType: 'text/html', body }]),
  );
  files.set('/icp-calendar.js', { contentType: 'text/javascript', body: bundle });
  const server = await servePages(files);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    server,
    async open(path, options) {
      const context = await browser.newContext({
        viewport: { width: 1200, height: 900 },
        timezoneId: 'UTC',
        locale: 'en-US',
        ...options,
      });
      const page = await context.newPage();
      await page.goto(new URL(path, server.url).href);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens `path` and waits until the page is ready, its first event is drawn and painting settled. */
export async function openWithEvents(widget: WidgetBrowser, path = '/'): Promise<Page> {
  const page = await widget.open(path);
  await page.waitForSelector('body[data-ready]');
  await page.locator('icp-calendar [part~="event"]').first().waitFor();
  await settle(page);
  return page;
}

/** Waits until the first `<icp-calendar>` has rendered and painted a few times. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const cal = document.querySelector('icp-calendar') as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    for (let i = 0; i < 3; i++) {
      await cal.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  });
}

let axeSource: string | undefined;

/** axe-core's serious and critical violations on the page (`rules` limits the run to those rules). */
export async function seriousViolations(page: Page, rules?: string[]): Promise<string[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (only) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{
            violations: { id: string; impact: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    const options = only
      ? { resultTypes: ['violations'], runOnly: { type: 'rule', values: only } }
      : { resultTypes: ['violations'] };
    const result = await axe.run(document, options);
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${JSON.stringify(violation.nodes.slice(0, 3).map((node) => node.target))}`,
      );
  }, rules);
}

/** A computed style property of the first element matching a `>>>`-free deep CSS selector. */
export function deepStyle(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((node, name) => getComputedStyle(node).getPropertyValue(name), property);
}
