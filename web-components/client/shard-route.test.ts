import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import { resolveCalendarCanister } from './shard-route.ts';

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('resolveCalendarCanister', () => {
  it('reports a host that does not answer as CANISTER_UNAVAILABLE, naming the canister', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const failure = resolveCalendarCanister({
      canisterId: 'ryjl3-tyaaa-aaaaa-aaaba-cai',
      host,
      identity: null,
      calendarIds: [],
    });
    await expect(failure).rejects.toMatchObject({
      code: 'CANISTER_UNAVAILABLE',
      message: expect.stringContaining(`ryjl3-tyaaa-aaaaa-aaaba-cai at ${host}`),
    });
  });
});
