import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { utf8ToBytes } from '@noble/hashes/utils';
import { requestIdOf } from './request-id.ts';
import { callContent, envelope, post, readStateContent } from './testing/raw-requests.ts';
import { startTestNetwork, type TestNetwork } from './testing/test-network.ts';

let net: TestNetwork;
let small: TestNetwork;
beforeAll(async () => {
  net = await startTestNetwork();
  small = await startTestNetwork({ maxBodyBytes: 1024, maxConcurrentRequests: 2 });
});
afterAll(async () => {
  await net.close();
  await small.close();
});

const path = (n: TestNetwork, verb: string, version = 'v3') =>
  `${n.server.url}/api/${version}/canister/${n.greeter.id.toText()}/${verb}`;
const slowCall = (identity: Ed25519KeyIdentity, ms: number) =>
  callContent({
    sender: identity.getPrincipal(),
    canisterId: small.greeter.id,
    methodName: 'slow',
    arg: new Uint8Array(IDL.encode([IDL.Nat], [BigInt(ms)])),
  });

describe('HTTP limits answered as the IC does', () => {
  it('answers 413 to a 3.5 MB body instead of resetting the connection', async () => {
    const answer = await post(path(net, 'call'), new Uint8Array(3_500_000));
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('[LOCALNET_HTTP_BODY_TOO_LARGE]');
    expect(answer.text).toContain('declares 3500000 bytes');
    expect((await fetch(`${net.server.url}/api/v2/status`)).status).toBe(200);
  });

  it('answers 413 to a chunked body once it passes the limit', async () => {
    const chunks = [new Uint8Array(800), new Uint8Array(800), new Uint8Array(800)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const response = await fetch(path(small, 'query'), {
      method: 'POST',
      headers: { 'content-type': 'application/cbor' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('passed 1024 bytes while being read');
  });

  it('refuses a request_status label that is not a 32-byte request id (400)', async () => {
    const sender = Ed25519KeyIdentity.generate();
    const label = new Uint8Array(100_000).fill(7);
    const answer = await post(
      path(net, 'read_state', 'v2'),
      await envelope(
        sender,
        readStateContent(sender.getPrincipal(), [[utf8ToBytes('request_status'), label]]),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('[LOCALNET_HTTP_BAD_REQUEST_ID]');
  });

  it('refuses another sender a synchronous call’s status through v3 read_state (403)', async () => {
    const sender = Ed25519KeyIdentity.generate();
    const content = callContent({
      sender: sender.getPrincipal(),
      canisterId: net.greeter.id,
      methodName: 'whoami',
      arg: new Uint8Array(IDL.encode([], [])),
    });
    expect((await post(path(net, 'call'), await envelope(sender, content))).status).toBe(200);
    const statusPath = [utf8ToBytes('request_status'), requestIdOf(content as never)];
    const other = Ed25519KeyIdentity.generate();
    const foreign = await post(
      path(net, 'read_state'),
      await envelope(other, readStateContent(other.getPrincipal(), [statusPath])),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('[LOCALNET_HTTP_READ_STATE_FORBIDDEN]');
  });

  it('answers 429 to a call and 503 to a query past the in-flight limit, then serves again', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const busy = [
      post(path(small, 'call'), await envelope(identity, slowCall(identity, 2500))),
      post(path(small, 'call'), await envelope(identity, slowCall(identity, 2500))),
    ];
    await new Promise((resolve) => setTimeout(resolve, 500));
    const call = await post(path(small, 'call'), await envelope(identity, slowCall(identity, 1)));
    expect(call.status).toBe(429);
    expect(call.text).toContain('Service is overloaded, try again later');
    expect(call.text).toContain('[LOCALNET_HTTP_OVERLOADED]');
    const query = await fetch(path(small, 'query', 'v2'), {
      method: 'POST',
      body: new Uint8Array(4),
    });
    expect(query.status).toBe(503);
    expect(query.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(busy)).map((answer) => answer.status)).toEqual([200, 200]);
    const after = await post(path(small, 'call'), await envelope(identity, slowCall(identity, 1)));
    expect(after.status).toBe(200);
  });
});
