import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test support: an .ics feed on 127.0.0.1 (port 0) that honours If-None-Match and records requests. */
export class FeedServer {
  readonly requests: IncomingHttpHeaders[] = [];
  body = '';
  etag = '"v0"';
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push(req.headers);
      // Each answer closes its connection: localnet's outcalls would otherwise reuse a socket the
      // server has closed after its 5 s keep-alive timeout (ECONNRESET once the clock is idle).
      res.setHeader('connection', 'close');
      if (req.headers['if-none-match'] === this.etag) {
        res.writeHead(304, { etag: this.etag }).end();
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          etag: this.etag,
          'last-modified': 'Mon, 03 Mar 2025 08:00:00 GMT',
        })
        .end(this.body);
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Serves `body` from now on under a new ETag. */
  serve(body: string, etag: string): void {
    this.body = body;
    this.etag = etag;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((done) => this.server!.close(done));
  }
}
