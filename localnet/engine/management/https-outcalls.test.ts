import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { afterEach, describe, expect, it } from 'vitest';

import { LocalNetwork } from '../../testing/local-network.ts';
import type { CallMessage } from '../engine.ts';
import type { CallOutcome } from '../errors.ts';
import { httpRequestArgs, httpRequestResult } from './https-outcall-idl.ts';
import { httpsOutcallFee, outcallRequestBytes } from './https-outcall-limits.ts';
import { TRANSFORMED, transformCanisterWasm } from './testing/transform-canister.ts';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, body, res));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Args {
  url: string;
  method?: 'get' | 'post';
  body?: string;
  headers?: { name: string; value: string }[];
  maxResponseBytes?: bigint;
  transform?: string;
}

async function setup() {
  const network = await LocalNetwork.create();
  const canisterId = await network.createCanister();
  await network.installCode({ canisterId, wasm: transformCanisterWasm() });
  const management = network.engine.management;
  const outcall = async (args: Args, cycles = 10n ** 12n) => {
    const arg = IDL.encode(
      [httpRequestArgs],
      [
        {
          url: args.url,
          max_response_bytes: args.maxResponseBytes === undefined ? [] : [args.maxResponseBytes],
          method: { [args.method ?? 'get']: null },
          headers: args.headers ?? [],
          body: args.body === undefined ? [] : [new TextEncoder().encode(args.body)],
          transform: args.transform
            ? [{ function: [canisterId, args.transform], context: new Uint8Array([7]) }]
            : [],
          is_replicated: [],
        },
      ],
    );
    let answer: { outcome: CallOutcome; refund: bigint } | undefined;
    const message: CallMessage = {
      kind: 'call',
      caller: canisterId,
      target: Principal.managementCanister(),
      method: 'http_request',
      arg: new Uint8Array(arg),
      cycles,
      origin: 'canister',
      respond: (outcome, refund) => (answer = { outcome, refund }),
    };
    await management.handle(message);
    return answer!;
  };
  return { network, canisterId, management, outcall };
}

function decoded(outcome: CallOutcome) {
  if (outcome.kind !== 'replied') throw new Error(`rejected: ${outcome.rejectMessage}`);
  const value = IDL.decode([httpRequestResult], outcome.reply)[0] as unknown as {
    status: bigint;
    headers: { name: string; value: string }[];
    body: Uint8Array;
  };
  return { ...value, text: new TextDecoder().decode(value.body) };
}

describe('management http_request (HTTPS outcalls)', () => {
  it('POSTs to a loopback server and charges the IC price, refunding the rest', async () => {
    let seen: { method?: string; header?: string; body?: string } = {};
    const base = await serve((req, body, res) => {
      seen = { method: req.method, header: req.headers['x-sig'] as string, body };
      res.writeHead(201, { 'content-type': 'text/plain' }).end('hello');
    });
    const { outcall } = await setup();
    const args = {
      url: `${base}/hook`,
      method: 'post' as const,
      body: '{"a":1}',
      headers: [{ name: 'x-sig', value: 'abc' }],
      maxResponseBytes: 1000n,
    };
    const { outcome, refund } = await outcall(args);
    const reply = decoded(outcome);
    expect(reply.status).toBe(201n);
    expect(reply.text).toBe('hello');
    expect(seen).toEqual({ method: 'POST', header: 'abc', body: '{"a":1}' });
    const requestBytes = outcallRequestBytes({
      url: args.url,
      headers: args.headers,
      body: new TextEncoder().encode(args.body),
      transformMethod: '',
      transformContext: new Uint8Array(0),
    });
    const fee = httpsOutcallFee(requestBytes, 1000n);
    expect(fee).toBe(49_140_000n + 5_200n * requestBytes + 10_400n * 1000n);
    expect(refund).toBe(10n ** 12n - fee);
  });

  it('opens a new connection for every outcall, as each replica does (a reused one can be reset)', async () => {
    const { outcall } = await setup();
    const ports: number[] = [];
    const url = await serve((req, _body, res) => {
      ports.push(req.socket.remotePort!);
      res.end('ok');
    });
    for (let n = 0; n < 3; n++) expect(decoded((await outcall({ url })).outcome).text).toBe('ok');
    expect(new Set(ports).size).toBe(3);
  });

  it("runs the caller's transform query on the response", async () => {
    const base = await serve((_req, _body, res) => res.end('raw'));
    const { outcall } = await setup();
    expect(decoded((await outcall({ url: base, transform: 'transform' })).outcome)).toMatchObject({
      status: TRANSFORMED.status,
      text: 'transformed',
    });
    const trapped = await outcall({ url: base, transform: 'transform_trap' });
    expect(trapped.outcome).toMatchObject({ kind: 'rejected', rejectCode: 5 });
  });

  it('refuses a response above max_response_bytes (SYS_FATAL)', async () => {
    const base = await serve((_req, _body, res) => res.end('x'.repeat(5000)));
    const { outcall } = await setup();
    const { outcome } = await outcall({ url: base, maxResponseBytes: 2000n });
    expect(outcome).toMatchObject({ kind: 'rejected', rejectCode: 1 });
    expect(outcome.kind === 'rejected' && outcome.rejectMessage).toContain('exceeds size limit');
  });

  it('maps a timeout and a refused connection to SYS_TRANSIENT', async () => {
    const base = await serve(() => undefined);
    const { outcall, management } = await setup();
    management.httpsOutcalls.timeoutMs = 200;
    const slow = await outcall({ url: base });
    expect(slow.outcome).toMatchObject({ kind: 'rejected', rejectCode: 2 });
    expect(slow.outcome.kind === 'rejected' && slow.outcome.rejectMessage).toContain('Timeout');
    const closed = await serve(() => undefined);
    servers.pop()!.close();
    const refused = await outcall({ url: closed });
    expect(refused.outcome).toMatchObject({ kind: 'rejected', rejectCode: 2 });
  });

  it('refuses plain HTTP to a non-loopback host, too few cycles and oversized limits', async () => {
    const { outcall } = await setup();
    const plain = await outcall({ url: 'http://example.com/' });
    expect(plain.outcome).toMatchObject({ kind: 'rejected', rejectCode: 1 });
    expect(plain.outcome.kind === 'rejected' && plain.outcome.rejectMessage).toContain('https');
    const poor = await outcall({ url: 'https://example.com/' }, 1_000n);
    expect(poor).toMatchObject({ outcome: { kind: 'rejected', rejectCode: 4 }, refund: 1_000n });
    const huge = await outcall({ url: 'https://example.com/', maxResponseBytes: 2_000_001n });
    expect(huge.outcome).toMatchObject({ kind: 'rejected', rejectCode: 4 });
    const body = 'b'.repeat(2_000_001);
    expect((await outcall({ url: 'https://example.com/', body })).outcome).toMatchObject({
      kind: 'rejected',
      rejectCode: 4,
    });
  });

  it('serves stubbed responses and reports every result to listeners', async () => {
    const { outcall, management } = await setup();
    const heard: string[] = [];
    management.httpsOutcalls.onResult((request, result) =>
      heard.push(`${request.method} ${request.url} ${result.kind}`),
    );
    management.httpsOutcalls.mock((request) =>
      request.url.endsWith('/stubbed')
        ? { kind: 'response', status: 200n, headers: [], body: new TextEncoder().encode('stub') }
        : undefined,
    );
    expect(decoded((await outcall({ url: 'https://api.example/stubbed' })).outcome).text).toBe(
      'stub',
    );
    expect(heard).toEqual(['GET https://api.example/stubbed response']);
  });

  it('is refused as ingress', async () => {
    const { network } = await setup();
    const outcome = await network.engine.inspectMessage({
      sender: Principal.anonymous(),
      canisterId: Principal.managementCanister(),
      method: 'http_request',
      arg: new Uint8Array(
        IDL.encode(
          [httpRequestArgs],
          [
            {
              url: 'https://x',
              max_response_bytes: [],
              method: { get: null },
              headers: [],
              body: [],
              transform: [],
              is_replicated: [],
            },
          ],
        ),
      ),
    });
    expect(outcome).toMatchObject({ kind: 'rejected', rejectCode: 4 });
  });
});
