import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the server answers with; `body` is computed per request when it is a function. */
export interface StaticFile {
  contentType: string;
  body: string | Uint8Array | (() => string | Uint8Array);
}

export interface StaticServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves a fixed set of paths on 127.0.0.1 (GET/HEAD only); everything else is 404. */
export async function serveStatic(
  files: Map<string, StaticFile>,
  port: number,
): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = files.get(path);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || file === undefined) {
      response.writeHead(file === undefined ? 404 : 405, { 'content-type': 'text/plain' });
      response.end(file === undefined ? `not found: ${path}\n` : 'only GET and HEAD\n');
      return;
    }
    const body = typeof file.body === 'function' ? file.body() : file.body;
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
