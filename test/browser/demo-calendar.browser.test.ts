import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CHROMIUM_ARGS } from '../../web-components/testing/static-server.ts';

const cli = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
let child: ChildProcess;
let stateDir: string;
let demoUrl: string;
let browser: Browser;

/** Runs `icp-calendar start` on free ports and resolves with the demo page URL once it prints the ready line. */
function startCli(): Promise<string> {
  child = spawn(
    process.execPath,
    [cli, 'start', '--port', '0', '--demo-port', '0', '--state-dir', stateDir],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /demo page: (http:\/\/\S+)/.exec(output)?.[1];
      if (url && /ready in /.test(output)) resolve(url);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'demo-calendar-'));
  demoUrl = await startCli();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
}, 30_000);

async function openDemo(context: BrowserContext, expectedSource: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(demoUrl);
  await page.locator(`icp-calendar[data-source="${expectedSource}"]`).waitFor({ timeout: 30_000 });
  return page;
}

const titles = (page: Page) =>
  page
    .locator('icp-calendar [part~="event"]')
    .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));

const today = () => new Date().toISOString().slice(0, 10);

describe('demo page against the deployed calendar canister', () => {
  it('shows the seeded public calendar to an anonymous visitor, read-only', async () => {
    const context = await browser.newContext({
      timezoneId: 'UTC',
      viewport: { width: 1200, height: 900 },
    });
    const page = await openDemo(context, 'anonymous');
    await page
      .locator('icp-calendar [part~="event"]', { hasText: 'Community call' })
      .first()
      .waitFor();
    expect((await titles(page)).some((title) => title.includes('Community call'))).toBe(true);
    await page
      .locator('icp-calendar [part~="event"]', { hasText: 'Community call' })
      .first()
      .click();
    await page.locator(`icp-calendar [role="gridcell"][data-day="${today()}"]`).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('icp-calendar icp-event-dialog dialog[open]').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('lets a signed-in user create an event that is still there after a reload', async () => {
    const context = await browser.newContext({
      timezoneId: 'UTC',
      viewport: { width: 1200, height: 900 },
    });
    const page = await openDemo(context, 'anonymous');
    await page.locator('icp-sign-in button').click();
    await page.locator('icp-calendar[data-source="signed-in"]').waitFor({ timeout: 30_000 });
    await page
      .locator('icp-calendar [part~="event"]', { hasText: 'Community call' })
      .first()
      .waitFor();
    await page.locator(`icp-calendar [role="gridcell"][data-day="${today()}"]`).first().focus();
    await page.keyboard.press('Enter');
    const title = page.locator('icp-calendar icp-event-dialog input[name="title"]');
    await title.waitFor();
    await title.fill('Browser test event');
    await page.locator('icp-calendar icp-event-dialog button[type="submit"]').click();
    await page
      .locator('icp-calendar [part~="event"]', { hasText: 'Browser test event' })
      .first()
      .waitFor();

    await page.reload();
    await page.locator('icp-calendar[data-source="signed-in"]').waitFor({ timeout: 30_000 });
    await page
      .locator('icp-calendar [part~="event"]', { hasText: 'Browser test event' })
      .first()
      .waitFor({ timeout: 15_000 });
    const after = await titles(page);
    expect(after.filter((text) => text.includes('Browser test event'))).toHaveLength(1);
    expect(after.some((text) => text.includes('Community call'))).toBe(true);
    await context.close();
  }, 90_000);
});
