import { Agent, request } from 'node:http';

/**
 * A `fetch` for load generators built on node:http with kept-alive connections: the agents it
 * serves spend a fraction of the CPU that Node's built-in fetch (undici and web streams) costs
 * per request, so on a shared machine more of the cores go to the network being measured.
 * Plain http:// only; the answer is a standard `Response`.
 */
export function nodeHttpFetch(): typeof fetch {
  const agent = new Agent({ keepAlive: true });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.protocol !== 'http:') {
        reject(new TypeError(`nodeHttpFetch: expected an http:// URL, got ${url.protocol}`));
        return;
      }
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const sent = request(url, { method: init?.method ?? 'GET', headers, agent }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => {
          const status = answer.statusCode ?? 500;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            for (const one of Array.isArray(value) ? value : [value ?? '']) {
              responseHeaders.append(name, one);
            }
          }
          resolve(
            new Response(body, {
              status,
              statusText: answer.statusMessage ?? '',
              headers: responseHeaders,
            }),
          );
        });
      });
      sent.on('error', reject);
      init?.signal?.addEventListener('abort', () => sent.destroy(init.signal!.reason as Error));
      sent.end(init?.body === undefined || init.body === null ? undefined : bodyBytes(init.body));
    });
}

function bodyBytes(body: BodyInit): Uint8Array | string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('nodeHttpFetch: expected a string or bytes as the body');
}
