import { IDL } from '../../core/index.ts';

/** Candid of the management canister's http_request (the IC's ic.did), for webhook POSTs. */
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

export interface HttpResultValue {
  status: bigint;
  headers: { name: string; value: string }[];
  body: Uint8Array;
}

/** The IC's price of one outcall on a 13-node subnet (cycles costs page). */
export function outcallCycles(requestBytes: number, maxResponseBytes: bigint): bigint {
  const n = 13n;
  return (
    (3_000_000n + 60_000n * n) * n + (400n * BigInt(requestBytes) + 800n * maxResponseBytes) * n
  );
}
