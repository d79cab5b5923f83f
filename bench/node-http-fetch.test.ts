import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodeHttpFetch } from './node-http-fetch.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/empty') return void res.writeHead(204).end();
      res.writeHead(201, 'Made', { 'content-type': 'application/cbor', 'x-seen': req.method! });
      res.end(
        JSON.stringify({
          type: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('hex'),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('nodeHttpFetch', () => {
  it('sends the method, headers and body, and answers with a standard Response', async () => {
    const fetcher = nodeHttpFetch();
    const response = await fetcher(`${base}/api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/cbor' },
      body: Uint8Array.of(1, 2, 255),
    });
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok]).toEqual([201, 'Made', true]);
    expect(response.headers.get('x-seen')).toBe('POST');
    // The agent reads a clone of the body (HttpAgent's query path).
    const seen = JSON.parse(await response.clone().text()) as { type: string; body: string };
    expect(seen).toEqual({ type: 'application/cbor', body: '0102ff' });
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await fetcher(`${base}/empty`)).status).toBe(204);
  });

  it('refuses what it does not speak, and reports an unreachable host', async () => {
    const fetcher = nodeHttpFetch();
    await expect(fetcher('https://127.0.0.1:1/')).rejects.toThrow(/expected an http:\/\/ URL/);
    await expect(fetcher('http://127.0.0.1:1/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
