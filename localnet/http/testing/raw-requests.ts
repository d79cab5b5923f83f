import { Cbor, type Identity } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import { decodeCbor } from '../cbor.ts';

/** TEST HELPER. Hand-built requests, for what an agent would never send. */
export const MINUTE_NS = 60_000_000_000n;

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export function callContent(fields: {
  sender: Principal;
  canisterId: Principal;
  methodName: string;
  arg: Uint8Array;
  requestType?: 'call' | 'query';
  expiryNs?: bigint;
}): Record<string, unknown> {
  return {
    request_type: fields.requestType ?? 'call',
    sender: fields.sender.toUint8Array(),
    canister_id: fields.canisterId.toUint8Array(),
    method_name: fields.methodName,
    arg: fields.arg,
    ingress_expiry: fields.expiryNs ?? nowNs() + 3n * MINUTE_NS,
    nonce: crypto.getRandomValues(new Uint8Array(16)),
  };
}

export function readStateContent(
  sender: Principal,
  paths: Uint8Array[][],
): Record<string, unknown> {
  return {
    request_type: 'read_state',
    sender: sender.toUint8Array(),
    paths,
    ingress_expiry: nowNs() + 3n * MINUTE_NS,
  };
}

/** Signs `content` as the identity would and returns the CBOR envelope, encoded as the agent encodes it. */
export async function envelope(
  identity: Identity,
  content: Record<string, unknown>,
): Promise<Uint8Array> {
  const signed = (await identity.transformRequest({
    body: content,
    request: { method: 'POST', headers: {} },
    endpoint: 'call',
  } as never)) as { body: Record<string, unknown> };
  return Cbor.encode(signed.body);
}

export interface RawResponse {
  status: number;
  text: string;
  cbor: Record<string, unknown> | undefined;
}

export async function post(url: string, body: Uint8Array): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/cbor' },
    body: body as Uint8Array<ArrayBuffer>,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const isCbor = response.headers.get('content-type') === 'application/cbor' && bytes.length > 0;
  return {
    status: response.status,
    text: isCbor ? '' : new TextDecoder().decode(bytes),
    cbor: isCbor ? (decodeCbor(bytes) as Record<string, unknown>) : undefined,
  };
}
