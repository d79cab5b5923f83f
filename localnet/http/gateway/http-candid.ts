import { IDL } from '@dfinity/candid';

/** The Candid of the HTTP gateway protocol (`http_request` / `http_request_update`), as on the IC. */
const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);

export const HttpRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});

export const HttpUpdateRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
});

/** Streaming is not followed: its token type is the canister's own, so it is decoded as `reserved`. */
export const HttpResponse = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
  streaming_strategy: IDL.Opt(IDL.Reserved),
});

export interface DecodedHttpResponse {
  status_code: number;
  headers: Array<[string, string]>;
  body: Uint8Array | number[];
  upgrade: [] | [boolean];
  streaming_strategy: [] | [unknown];
}
