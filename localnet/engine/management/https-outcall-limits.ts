/**
 * The IC's HTTPS outcall limits and price (13-node application subnet). Price from the IC's
 * "cycles costs" page: base (3 M + 60 k·n)·n, plus (400·request bytes + 800·max response bytes)·n.
 */
export const OutcallLimit = {
  maxResponseBytes: 2_000_000n,
  maxRequestBytes: 2_000_000,
  maxUrlBytes: 8_192,
  maxHeaders: 64,
  maxHeaderNameValueBytes: 8_192,
  maxHeaderTotalBytes: 48 * 1_024,
} as const;

export const SUBNET_NODES = 13n;

export interface OutcallSize {
  url: string;
  headers: { name: string; value: string }[];
  body: Uint8Array;
  transformMethod: string;
  transformContext: Uint8Array;
}

const utf8 = (text: string) => BigInt(new TextEncoder().encode(text).length);

export function headerBytes(headers: { name: string; value: string }[]): bigint {
  return headers.reduce((sum, h) => sum + utf8(h.name) + utf8(h.value), 0n);
}

/** request_size = url + transform name + transform context + body + every header name and value. */
export function outcallRequestBytes(request: OutcallSize): bigint {
  return (
    utf8(request.url) +
    utf8(request.transformMethod) +
    BigInt(request.transformContext.length) +
    BigInt(request.body.length) +
    headerBytes(request.headers)
  );
}

export function httpsOutcallFee(
  requestBytes: bigint,
  maxResponseBytes: bigint,
  nodes: bigint = SUBNET_NODES,
): bigint {
  const base = (3_000_000n + 60_000n * nodes) * nodes;
  return base + (400n * requestBytes + 800n * maxResponseBytes) * nodes;
}
