/**
 * Month view with 1,000 events: time until settled for <icp-calendar> vs FullCalendar 6 and 7 in the same
 * Chromium session (calendar-anchors §3), plus bundle sizes. Prints figures; never fails on timing.
 * Run: npx tsx bench/widget-render.ts [runs=9] [events=1000]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

import {
  CHROMIUM_ARGS,
  servePages,
  type ServedFile,
} from '../web-components/testing/static-server.ts';
import { minifyTemplatesPlugin } from '../web-components/minify-templates.ts';
import { CONFIGS, ENTRIES } from './widget-entries.ts';
import { genEvents, type BenchEvent } from './widget-events.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 9);
const eventCount = Number(process.argv[3] ?? 1000);

interface Bundle {
  js: Uint8Array;
  css?: Uint8Array;
}

async function bundle(name: string, source: string, dir: string): Promise<Bundle> {
  const outdir = join(dir, name);
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir,
    entryNames: 'bundle',
    define: { 'process.env.NODE_ENV': '"production"' },
    // As web-components/build.ts: Lit template text without its indentation.
    plugins: [minifyTemplatesPlugin()],
    logLevel: 'error',
  });
  const js = await readFile(join(outdir, 'bundle.js'));
  const css = await readFile(join(outdir, 'bundle.css')).catch(() => undefined);
  return { js, css };
}

/** The timed region, in the page (plain JS so no build helper leaks into it). */
const RUN_SCRIPT = `
window.__run = async (events, selector, extra) => {
  const el = document.getElementById('cal');
  const t0 = performance.now();
  const instance = window.__mount(el, events, extra);
  const sync = performance.now() - t0;
  if (window.__settle) await window.__settle(instance);
  void document.body.offsetHeight;
  const layout = performance.now() - t0;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const frame = performance.now() - t0;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const settled = performance.now() - t0;
  const count = (node, css) => {
    let found = node.querySelectorAll(css).length;
    for (const child of node.querySelectorAll('*')) if (child.shadowRoot) found += count(child.shadowRoot, css);
    return found;
  };
  const result = { sync, layout, frame, settled, events: count(el, selector), elements: count(el, '*') };
  // Navigation to the next month (events already loaded), timed the same way up to a settled frame.
  const t1 = performance.now();
  window.__navigate(instance);
  if (window.__settle) await window.__settle(instance);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
  result.navigate = performance.now() - t1;
  return result;
};`;

function page(css: boolean): string {
  return `<!doctype html><html><head><meta charset="utf-8">${css ? '<link rel="stylesheet" href="bundle.css">' : ''}
<style>body{margin:0}</style></head><body><div id="cal" style="width:1200px;height:800px"></div>
<script>${RUN_SCRIPT}</script>
<script type="module" src="bundle.js"></script></body></html>`;
}

interface Sample {
  sync: number;
  layout: number;
  frame: number;
  settled: number;
  events: number;
  elements: number;
  navigate: number;
}

async function measure(
  browser: Browser,
  url: string,
  events: BenchEvent[],
  selector: string,
  extra: object,
): Promise<Sample> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  const tab = await context.newPage();
  await tab.goto(url);
  await tab.waitForFunction(
    () => typeof (window as unknown as { __mount?: unknown }).__mount === 'function',
  );
  const cdp = await context.newCDPSession(tab);
  await cdp.send('HeapProfiler.collectGarbage');
  await tab.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  );
  const sample = (await tab.evaluate(
    ([events, selector, extra]) =>
      (window as unknown as { __run: (...args: unknown[]) => Promise<unknown> }).__run(
        events,
        selector,
        extra,
      ),
    [events, selector, extra] as const,
  )) as Sample;
  await context.close();
  return sample;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'widget-bench-'));
  const bundles: Record<string, Bundle> = {};
  for (const [name, source] of Object.entries(ENTRIES))
    bundles[name] = await bundle(name, source, dir);
  const files = new Map<string, ServedFile>();
  for (const [name, built] of Object.entries(bundles)) {
    files.set(`/${name}/`, { contentType: 'text/html', body: page(Boolean(built.css)) });
    files.set(`/${name}/bundle.js`, { contentType: 'text/javascript', body: built.js });
    if (built.css) files.set(`/${name}/bundle.css`, { contentType: 'text/css', body: built.css });
  }
  const server = await servePages(files);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const events = genEvents(eventCount, 42);
  const results: { label: string; samples: Sample[] }[] = [];
  try {
    console.log(
      `Month view, ${eventCount} events (seed 42), 1 warm-up + ${runs} runs, fresh context each; ms median [min–max]`,
    );
    for (const config of CONFIGS) {
      const url = `${server.url}${config.bundle}/`;
      await measure(browser, url, events, config.selector, config.extra);
      const samples: Sample[] = [];
      for (let i = 0; i < runs; i++)
        samples.push(await measure(browser, url, events, config.selector, config.extra));
      results.push({ label: config.label, samples });
      const settled = samples.map((s) => s.settled);
      console.log(
        `${config.label.padEnd(38)} sync ${median(samples.map((s) => s.sync))
          .toFixed(1)
          .padStart(6)}  frame ${median(samples.map((s) => s.frame))
          .toFixed(1)
          .padStart(
            6,
          )}  settled ${median(settled).toFixed(1).padStart(6)} [${Math.min(...settled).toFixed(0)}–${Math.max(...settled).toFixed(0)}]  event els ${samples[0]!.events}  DOM els ${samples[0]!.elements}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log('\nNavigate to the next month on a mounted calendar (settled), ms median [min–max]:');
  for (const { label, samples } of results) {
    const times = samples.map((s) => s.navigate);
    console.log(
      `  ${label.padEnd(38)} ${median(times).toFixed(1).padStart(6)} [${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}]`,
    );
  }
  const ours = median(results[0]!.samples.map((s) => s.settled));
  const peers = results
    .slice(1)
    .map((r) => ({ label: r.label, settled: median(r.samples.map((s) => s.settled)) }));
  const fastest = peers.reduce((a, b) => (a.settled <= b.settled ? a : b));
  console.log('\nSettled time ratio (<icp-calendar> / peer; below 1.00 means ours is faster):');
  for (const peer of peers)
    console.log(`  vs ${peer.label.padEnd(24)} ${(ours / peer.settled).toFixed(2)}×`);
  console.log(
    `  target ≤ 1.00× the fastest peer (${fastest.label}): ${(ours / fastest.settled).toFixed(2)}×`,
  );

  console.log('\nBundle sizes (esbuild --bundle --minify --format=esm; gzip level 9):');
  const sizes: [string, Bundle][] = [
    ['<icp-calendar> month element (bench entry)', bundles.icp!],
    [
      // What one script tag loads: = web-components/dist/icp-calendar.js (build.ts bundles the same entry).
      'index.ts: all elements + agent + client bindings + sign-in',
      await bundle('all', `export * from './web-components/index.ts';`, dir),
    ],
    [
      'calendar client bindings + agent alone (createActor)',
      await bundle(
        'bindings',
        `export { createActor } from './web-components/client/generated/calendar-client-bindings.ts';`,
        dir,
      ),
    ],
    ['FC6 core + daygrid 6.1.22', bundles.fc6!],
    ['FC7 fullcalendar 7.1.0 + daygrid + classic + temporal-polyfill', bundles.fc7!],
  ];
  for (const [label, built] of sizes) {
    const js = `${kb(built.js.length)} min, ${kb(gzipSync(built.js, { level: 9 }).length)} gzip`;
    const css = built.css
      ? `; CSS ${kb(built.css.length)} min, ${kb(gzipSync(built.css, { level: 9 }).length)} gzip`
      : '';
    console.log(`  ${label.padEnd(62)} ${js}${css}`);
  }
  console.log('  target: ≤ 100 KB gzip including the agent');
  await rm(dir, { recursive: true, force: true });
}

await main();
