import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { findTakenPort } from './port-check.ts';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

async function occupyPort(): Promise<number> {
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('findTakenPort', () => {
  it('names the taken port and the flag that picks another', async () => {
    const port = await occupyPort();
    const problem = await findTakenPort([
      { port: 0, flag: '--port' },
      { port, flag: '--demo-port' },
    ]);
    expect(problem).toBe(
      `PORT_IN_USE: expected 127.0.0.1:${port} to be free; another program listens there (choose another with --demo-port)`,
    );
  });

  it('finds nothing when the ports are free', async () => {
    const port = await occupyPort();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await findTakenPort([{ port, flag: '--port' }])).toBeUndefined();
  });
});
