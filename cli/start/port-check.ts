import { createServer } from 'node:net';

/** A port the command will listen on, and the flag that chooses another. */
export interface WantedPort {
  port: number;
  flag: string;
  host?: string;
}

/** Resolves to a message for the first port already taken, or undefined when all are free. */
export async function findTakenPort(ports: readonly WantedPort[]): Promise<string | undefined> {
  for (const { port, flag, host = '127.0.0.1' } of ports) {
    if (port === 0) continue;
    const problem = await probe(port, host);
    if (problem !== undefined) {
      return `PORT_IN_USE: expected ${host}:${port} to be free; ${problem} (choose another with ${flag})`;
    }
  }
  return undefined;
}

function probe(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRINUSE' ? 'another program listens there' : error.message),
    );
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}
