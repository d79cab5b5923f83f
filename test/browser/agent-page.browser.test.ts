import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Actor, HttpAgent, type ActorSubclass } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { sha256 } from '@noble/hashes/sha2';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWithAzle } from '../../cli/build/azle-build.ts';
import { createCanister, installModule } from '../../cli/deploy/install-module.ts';
import { runLocalnet, type RunningLocalnet } from '../../cli/localnet/run-localnet.ts';
import { bundleBrowserScript } from '../../cli/start/bundle-browser-script.ts';
import { serveDemo } from '../../cli/start/demo-site.ts';
import type { StaticServer } from '../../cli/start/static-server.ts';
import { probeIdlFactory, type ProbeService } from '../fixtures/canisters/probe/probe-idl.ts';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const deployer = Ed25519KeyIdentity.generate();
let stateDir: string;
let network: RunningLocalnet;
let demo: StaticServer;
let browser: Browser;
let probeId: string;
let probe: ActorSubclass<ProbeService>;
let wasm: Uint8Array;

beforeAll(async () => {
  const built = await buildWithAzle({
    name: 'probe',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/probe`],
  });
  wasm = new Uint8Array(await readFile(built.wasmPath));
  stateDir = await mkdtemp(join(tmpdir(), 'agent-page-'));
  network = await runLocalnet({ port: 0, stateDir });
  const agent = await HttpAgent.create({
    host: network.url,
    identity: deployer,
    shouldFetchRootKey: true,
  });
  const id = await createCanister(agent, deployer.getPrincipal());
  await installModule(agent, id, wasm, new Uint8Array(IDL.encode([IDL.Text], ['hello browser'])));
  probeId = id.toText();
  probe = Actor.createActor<ProbeService>(probeIdlFactory, { agent, canisterId: id });
  const probePage = await bundleBrowserScript(
    fileURLToPath(new URL('./fixtures/probe-page.ts', import.meta.url)),
  );
  demo = await serveDemo(
    0,
    () => ({ host: network.url, canisters: [{ name: 'probe', id: probeId }] }),
    new Map([
      [
        '/probe.html',
        {
          contentType: 'text/html',
          body: '<!doctype html><title>probe</title><script type="module" src="./probe.js"></script>',
        },
      ],
      ['/probe.js', { contentType: 'text/javascript', body: probePage }],
    ]),
  );
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await network?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

async function openWhenReady(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(new URL(path, demo.url).href);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  expect(
    await page.getAttribute('body', 'data-ready'),
    (await page.textContent('body')) ?? '',
  ).toBe('true');
  return page;
}

describe('@dfinity/agent in Chromium against localnet', () => {
  it('the demo page reads the network status and the deployed canister through the agent', async () => {
    const page = await openWhenReady('/');
    expect(await page.textContent('#network-status')).toBe('healthy');
    expect(await page.textContent('#root-key')).toBe(
      Buffer.from(network.server.rootKeyDer).toString('hex').slice(-32),
    );
    const cells = await page.locator('tr[data-canister="probe"] td').allTextContents();
    expect(cells.slice(0, 3)).toEqual([
      'probe',
      probeId,
      Buffer.from(sha256(wasm)).toString('hex').slice(0, 16),
    ]);
    // The probe has no health plugin: the page says so in the words `icp-calendar status` uses.
    expect(cells[3]).toBe('no health plugin');
    await page.close();
  });

  it('a page queries and updates a canister with the agent, and Node sees the write', async () => {
    const before = await probe.counter();
    const page = await openWhenReady(
      `/probe.html?host=${encodeURIComponent(network.url)}&canister=${probeId}`,
    );
    expect(await page.textContent('#greeting')).toBe('hello browser');
    expect(Number(await page.textContent('#counter-before'))).toBe(before);
    expect(Number(await page.textContent('#counter-after-update'))).toBe(before + 5);
    expect(await page.textContent('#stored')).toBe('browser');
    expect(await page.textContent('#caller')).toBe('2vxsx-fae');
    expect(await probe.counter()).toBe(before + 5);
    expect(await probe.get('written-by')).toEqual(['browser']);
    await page.close();
  });
});
