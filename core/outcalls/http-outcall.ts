import { IDL } from '@dfinity/candid';

/**
 * Candid of the management canister's `http_request` (the IC's ic.did) and the IC's price of one
 * outcall: what a canister needs to send HTTPS requests (notification's webhooks, the calendar's
 * ICS subscriptions).
 */
const header = IDL.Record({ name: IDL.Text, value: IDL.Text });
export const HttpResult = IDL.Record({
  status: IDL.Nat,
  headers: IDL.Vec(header),
  body: IDL.Vec(IDL.Nat8),
});
export const TransformArgs = IDL.Record({ response: HttpResult, context: IDL.Vec(IDL.Nat8) });
export const HttpRequestArgs = IDL.Record({
  url: IDL.Text,
  max_response_bytes: IDL.Opt(IDL.Nat64),
  method: IDL.Variant({ get: IDL.Null, head: IDL.Null, post: IDL.Null }),
  headers: IDL.Vec(header),
  body: IDL.Opt(IDL.Vec(IDL.Nat8)),
  transform: IDL.Opt(
    IDL.Record({
      function: IDL.Func([TransformArgs], [HttpResult], ['query']),
      context: IDL.Vec(IDL.Nat8),
    }),
  ),
  is_replicated: IDL.Opt(IDL.Bool),
});

export interface HttpHeaderValue {
  name: string;
  value: string;
}

export interface HttpResultValue {
  status: bigint;
  headers: HttpHeaderValue[];
  body: Uint8Array;
}

/** The IC's price of one outcall on a 13-node subnet (cycles costs page). */
export function outcallCycles(requestBytes: number, maxResponseBytes: bigint): bigint {
  const n = 13n;
  return (
    (3_000_000n + 60_000n * n) * n + (400n * BigInt(requestBytes) + 800n * maxResponseBytes) * n
  );
}

/**
 * The request size the IC prices: URL, transform method name, body and every header name and
 * value (ASCII texts are assumed: a URL and header values of this system are).
 */
export function outcallRequestBytes(
  url: string,
  transformMethod: string,
  headers: HttpHeaderValue[],
  bodyBytes = 0,
): number {
  return (
    url.length +
    transformMethod.length +
    bodyBytes +
    headers.reduce((n, h) => n + h.name.length + h.value.length, 0)
  );
}
