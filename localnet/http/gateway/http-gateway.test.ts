import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNetwork, type TestNetwork } from '../testing/test-network.ts';

let net: TestNetwork;
beforeAll(async () => {
  net = await startTestNetwork();
});
afterAll(() => net.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Plain node:http, so the Host header can name `<canister-id>.localhost` without DNS. */
function get(
  path: string,
  host: string,
  method = 'GET',
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const { port } = new URL(net.server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP gateway', () => {
  it('serves http_request at <canister-id>.localhost', async () => {
    const port = new URL(net.server.url).port;
    const answer = await get(
      '/index.html?x=1',
      `${net.greeter.id.toText()}.localhost:${port}`,
      'GET',
      undefined,
      { 'x-test': 'hi' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('GET /index.html?x=1 (0 bytes)');
    expect(answer.headers['content-type']).toBe('text/plain');
    expect(answer.headers['x-greeter']).toBe('hi');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
  });

  it('serves http_request at localhost/?canisterId=<id>, passing the body', async () => {
    const answer = await get(
      `/form?canisterId=${net.greeter.id.toText()}`,
      'localhost',
      'POST',
      'abc',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(`POST /form?canisterId=${net.greeter.id.toText()} (3 bytes)`);
  });

  it('follows upgrade = opt true to http_request_update', async () => {
    const before = net.backend.ingressLog.length;
    const answer = await get('/counter', `${net.greeter.id.toText()}.localhost`);
    expect(answer.body).toBe('updated GET /counter');
    expect(net.backend.ingressLog.slice(before).map((c) => c.methodName)).toEqual([
      'http_request_update',
    ]);
  });

  it('maps the canister status code, and 404s an unknown canister', async () => {
    expect((await get('/missing', `${net.greeter.id.toText()}.localhost`)).status).toBe(404);
    const unknown = await get('/', 'ryjl3-tyaaa-aaaaa-aaaba-cai.localhost');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('not found');
  });

  it('still routes /api/… to the IC interface on a canister host', async () => {
    const answer = await get('/api/v2/status', `${net.greeter.id.toText()}.localhost`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/cbor');
  });

  it('reports a canister without http_request as a 502 with the reject', async () => {
    const bare = net.backend.addCanister();
    const answer = await get('/', `${bare.id.toText()}.localhost`);
    expect(answer.status).toBe(502);
    expect(answer.body).toContain('IC0536');
  });
});
