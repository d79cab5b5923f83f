import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  body: string;
  signature: string;
  idempotencyKey: string;
}

/** Test support: a webhook receiver on 127.0.0.1 (port 0) that records POSTs and fails on demand. */
export class WebhookServer {
  readonly posts: ReceivedPost[] = [];
  /** status to answer per path; a function gets the attempt number (1-based) on that path */
  readonly answers = new Map<string, (attempt: number) => number>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.posts.push({
          path,
          body,
          signature: String(req.headers['x-icp-calendar-signature'] ?? ''),
          idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
        });
        const attempt = this.posts.filter((p) => p.path === path).length;
        res.writeHead(this.answers.get(path)?.(attempt) ?? 200).end('ok');
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(path: string): ReceivedPost[] {
    return this.posts.filter((p) => p.path === path);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((done) => this.server!.close(done));
  }
}

export function verifySignature(secret: string, post: ReceivedPost): boolean {
  return (
    post.signature === `sha256=${createHmac('sha256', secret).update(post.body).digest('hex')}`
  );
}
