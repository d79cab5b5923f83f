import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { AnonymousIdentity } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { toHex } from './bytes.ts';
import { decodeCbor } from './cbor.ts';
import { callContent, envelope } from './testing/raw-requests.ts';
import { startTestNetwork, type TestNetwork } from './testing/test-network.ts';

let net: TestNetwork;
let page: Server;
let pageOrigin: string;
let browser: Browser;

beforeAll(async () => {
  net = await startTestNetwork();
  // A page on another origin (another port), as a site embedding the widget would be.
  page = createServer((_req, res) => res.end('<!doctype html><title>embedding page</title>'));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => page?.close(resolve));
  await net?.close();
});

describe('in Chromium', () => {
  it('lets a page on another origin read the status and post a CBOR query (preflighted)', async () => {
    const anonymous = new AnonymousIdentity();
    const content = callContent({
      sender: anonymous.getPrincipal(),
      canisterId: net.greeter.id,
      methodName: 'greet',
      arg: IDL.encode([IDL.Text], ['browser']),
      requestType: 'query',
    });
    const body = toHex(await envelope(anonymous, content));
    const tab = await browser.newPage();
    await tab.goto(pageOrigin);
    const queryUrl = `${net.server.url}/api/v2/canister/${net.greeter.id.toText()}/query`;
    const result = await tab.evaluate(
      async ({ statusUrl, queryUrl, hex }) => {
        const status = await fetch(statusUrl);
        const bytes = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
        const query = await fetch(queryUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/cbor' },
          body: bytes,
        });
        return {
          status: status.status,
          queryStatus: query.status,
          queryBody: Array.from(new Uint8Array(await query.arrayBuffer())),
        };
      },
      { statusUrl: `${net.server.url}/api/v2/status`, queryUrl, hex: body },
    );
    expect(result.status).toBe(200);
    expect(result.queryStatus).toBe(200);
    const answer = decodeCbor(Uint8Array.from(result.queryBody)) as {
      status: string;
      reply: { arg: Uint8Array };
    };
    expect(answer.status).toBe('replied');
    expect(IDL.decode([IDL.Text], Uint8Array.from(answer.reply.arg))[0]).toBe('Hello, browser!');
    await tab.close();
  });

  it('opens a canister page at http://<canister-id>.localhost:<port>/', async () => {
    const tab = await browser.newPage();
    const port = new URL(net.server.url).port;
    const response = await tab.goto(
      `http://${net.greeter.id.toText()}.localhost:${port}/from-the-browser`,
    );
    expect(response?.status()).toBe(200);
    expect(await tab.textContent('body')).toBe('GET /from-the-browser (0 bytes)');
    await tab.close();
  });
});
