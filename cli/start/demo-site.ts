import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { FRAMEWORK_ROOT } from '../config/config-paths.ts';
import type { DemoConfig } from '../../web-components/demo/demo-config.ts';
import { bundleBrowserScript } from './bundle-browser-script.ts';
import { embedPage } from './embed-page.ts';
import { serveStatic, type StaticFile, type StaticServer } from './static-server.ts';

const DEMO_DIR = join(FRAMEWORK_ROOT, 'web-components', 'demo');
const WIDGET_ENTRY = join(FRAMEWORK_ROOT, 'web-components', 'index.ts');

/** The demo's page and its two bundled scripts. */
export interface DemoAssets {
  page: string;
  script: string;
  widget: string;
}

/**
 * Reads the page and bundles the scripts. esbuild bundles in its own process, so `start` begins
 * this first and it runs beside the build and the state restore.
 */
export async function prepareDemoAssets(): Promise<DemoAssets> {
  const [page, script, widget] = await Promise.all([
    readFile(join(DEMO_DIR, 'index.html'), 'utf8'),
    bundleBrowserScript(join(DEMO_DIR, 'demo-app.ts')),
    bundleBrowserScript(WIDGET_ENTRY),
  ]);
  return { page, script, widget };
}

/**
 * Serves web-components/demo (page, bundled script, `/config.json` from `config()`) on 127.0.0.1, and the
 * widget bundle `/icp-calendar.js` with `/embed.html`, a page that is nothing but the embed snippet.
 */
export async function serveDemo(
  port: number,
  config: () => DemoConfig,
  extraFiles: Map<string, StaticFile> = new Map(),
  assets: Promise<DemoAssets> = prepareDemoAssets(),
): Promise<StaticServer> {
  const { page, script, widget } = await assets;
  const javascript = 'text/javascript; charset=utf-8';
  const files = new Map<string, StaticFile>([
    ['/', { contentType: 'text/html; charset=utf-8', body: page }],
    ['/index.html', { contentType: 'text/html; charset=utf-8', body: page }],
    ['/demo.js', { contentType: javascript, body: script }],
    ['/icp-calendar.js', { contentType: javascript, body: widget }],
    ['/embed.html', { contentType: 'text/html; charset=utf-8', body: () => embedPage(config()) }],
    ['/config.json', { contentType: 'application/json', body: () => JSON.stringify(config()) }],
    ...extraFiles,
  ]);
  return serveStatic(files, port);
}
