import type { IncomingMessage } from 'node:http';

import { HttpProblem } from './http-problem.ts';

/**
 * Reads a request body of at most `maxBytes`. A larger one is refused with 413 as soon as that
 * is known: from `content-length` before reading anything, or once a chunked body passes the
 * limit. The rest is then read and discarded (not kept), so the client gets the answer instead
 * of a reset connection.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(req, maxBytes, `declares ${declared} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      reject(tooLarge(req, maxBytes, `passed ${maxBytes} bytes while being read`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Uint8Array.from(Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

function tooLarge(req: IncomingMessage, maxBytes: number, detail: string): HttpProblem {
  req.resume();
  return new HttpProblem(
    413,
    'LOCALNET_HTTP_BODY_TOO_LARGE',
    `Request body exceeds ${maxBytes} bytes: it ${detail}. The IC accepts ingress messages of at most 2 MiB.`,
  );
}
