import { IDL } from '@dfinity/candid';

/** Candid of the management canister's `http_request` (HTTPS outcalls), from the IC's ic.did. */
export const httpHeader = IDL.Record({ name: IDL.Text, value: IDL.Text });
export const httpRequestResult = IDL.Record({
  status: IDL.Nat,
  headers: IDL.Vec(httpHeader),
  body: IDL.Vec(IDL.Nat8),
});
export const transformArgs = IDL.Record({
  response: httpRequestResult,
  context: IDL.Vec(IDL.Nat8),
});
export const httpRequestArgs = IDL.Record({
  url: IDL.Text,
  max_response_bytes: IDL.Opt(IDL.Nat64),
  method: IDL.Variant({ get: IDL.Null, head: IDL.Null, post: IDL.Null }),
  headers: IDL.Vec(httpHeader),
  body: IDL.Opt(IDL.Vec(IDL.Nat8)),
  transform: IDL.Opt(
    IDL.Record({
      function: IDL.Func([transformArgs], [httpRequestResult], ['query']),
      context: IDL.Vec(IDL.Nat8),
    }),
  ),
  is_replicated: IDL.Opt(IDL.Bool),
});

export interface HttpHeader {
  name: string;
  value: string;
}

/** A response as the canister sees it (and as a write-ahead log could record it). */
export interface HttpResponseValue {
  status: bigint;
  headers: HttpHeader[];
  body: Uint8Array;
}
