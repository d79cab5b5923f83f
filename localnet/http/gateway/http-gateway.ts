import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { CallOutcome } from '../backend.ts';
import { freshBytes, toHex } from '../bytes.ts';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, randomBytes } from '@noble/hashes/utils';
import type { HttpReply, ServerContext } from '../server-context.ts';
import {
  HttpRequest,
  HttpResponse,
  HttpUpdateRequest,
  type DecodedHttpResponse,
} from './http-candid.ts';

export interface GatewayRequest {
  readonly canisterId: Principal;
  readonly method: string;
  /** Path and query, as the browser sent it (`canisterId` parameter included). */
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
}

/** Hop-by-hop headers the gateway sets itself. */
const DROPPED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/**
 * Serves a canister's `http_request` over plain HTTP, as the IC's HTTP gateway does,
 * following `upgrade = opt true` to `http_request_update`. Responses are not verified
 * (a local network trusts itself).
 */
export async function handleGatewayRequest(
  ctx: ServerContext,
  request: GatewayRequest,
): Promise<HttpReply> {
  const { canisterId } = request;
  if (!ctx.backend.canister(canisterId)) {
    return textReply(404, `Canister ${canisterId.toText()} not found on this network`);
  }
  const headers = request.headers.map(([k, v]) => [k, v] as [string, string]);
  const queryArg = IDL.encode(
    [HttpRequest],
    [
      {
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
        certificate_version: [2],
      },
    ],
  );
  const sender = Principal.anonymous();
  const queried = await ctx.backend.query({
    canisterId,
    methodName: 'http_request',
    arg: queryArg,
    sender,
  });
  let response = decodeResponse(queried, 'http_request');
  if ('reply' in response && response.reply.upgrade[0] === true) {
    const updateArg = IDL.encode(
      [HttpUpdateRequest],
      [{ method: request.method, url: request.url, headers, body: request.body }],
    );
    const updated = await ctx.backend.submitIngress({
      canisterId,
      methodName: 'http_request_update',
      arg: updateArg,
      sender,
      requestId: sha256(concatBytes(updateArg, randomBytes(16))),
      effectiveCanisterId: canisterId,
    });
    response = decodeResponse(updated, 'http_request_update');
  }
  if ('problem' in response) return response.problem;
  const { status_code, headers: responseHeaders, body } = response.reply;
  return {
    status: status_code,
    headers: responseHeaders.filter(([k]) => !DROPPED_HEADERS.has(k.toLowerCase())),
    body: Uint8Array.from(body),
  };
}

function decodeResponse(
  outcome: CallOutcome,
  method: string,
): { reply: DecodedHttpResponse } | { problem: HttpReply } {
  if (outcome.status === 'rejected') {
    const code = outcome.errorCode ? ` ${outcome.errorCode}` : '';
    return {
      problem: textReply(
        502,
        `Canister rejected ${method} (reject code ${outcome.rejectCode}${code}): ${outcome.rejectMessage}`,
      ),
    };
  }
  try {
    const [reply] = IDL.decode([HttpResponse], freshBytes(outcome.reply)) as unknown as [
      DecodedHttpResponse,
    ];
    return { reply };
  } catch (error) {
    return {
      problem: textReply(
        502,
        `Canister answered ${method} with bytes that are not a Candid HttpResponse (${(error as Error).message}); reply ${toHex(outcome.reply).slice(0, 64)}…`,
      ),
    };
  }
}

function textReply(status: number, text: string): HttpReply {
  return { status, contentType: 'text/plain; charset=utf-8', body: text + '\n' };
}
