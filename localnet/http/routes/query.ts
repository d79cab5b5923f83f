import type { Principal } from '@dfinity/principal';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import type { CallOutcome } from '../backend.ts';
import { authenticateSender } from '../auth/sender-auth.ts';
import { parseEnvelope } from '../auth/envelope.ts';
import { checkIngressExpiry } from '../auth/ingress-expiry.ts';
import { encodeCbor } from '../cbor.ts';
import {
  checkEffectiveCanisterId,
  checkManagementQuery,
  isManagementCanister,
} from '../management-ingress.ts';
import { signAsNode } from '../node-signature.ts';
import { hashOfMap } from '../request-id.ts';
import { cborReply, type HttpReply, type ServerContext } from '../server-context.ts';
import { canisterNotFound, rejectionFields } from './call.ts';

const RESPONSE_SEPARATOR = concatBytes(Uint8Array.of(11), utf8ToBytes('ic-response'));

/** `POST /api/v2|v3/canister/<ecid>/query`: runs the query and signs the answer with the node key. */
export async function handleQuery(
  ctx: ServerContext,
  ecid: Principal,
  body: Uint8Array,
): Promise<HttpReply> {
  const envelope = parseEnvelope(body, 'query');
  const { content } = envelope;
  const nowNs = ctx.nowNs();
  // Anonymous queries may carry any expiry (spec changelog 0.29).
  if (!content.sender.isAnonymous()) checkIngressExpiry(content.ingressExpiryNs, nowNs);
  const sender = authenticateSender(envelope, { nowNs, targetCanister: content.canisterId });
  const call = {
    canisterId: content.canisterId,
    methodName: content.methodName,
    arg: content.arg,
    sender,
  };
  const outcome = await runQuery(ctx, ecid, call);
  return cborReply(200, encodeCbor(signedQueryResponse(ctx, outcome, envelope.requestId, nowNs)));
}

async function runQuery(
  ctx: ServerContext,
  ecid: Principal,
  call: { canisterId: Principal; methodName: string; arg: Uint8Array; sender: Principal },
): Promise<CallOutcome> {
  if (isManagementCanister(call.canisterId)) {
    const refusal = checkManagementQuery({ ...call, effectiveCanisterId: ecid });
    if (refusal) return refusal;
  } else {
    checkEffectiveCanisterId(call.canisterId, ecid);
    if (!ctx.backend.canister(call.canisterId)) return canisterNotFound(call.canisterId);
  }
  return ctx.backend.query(call);
}

function signedQueryResponse(
  ctx: ServerContext,
  outcome: CallOutcome,
  requestId: Uint8Array,
  timestamp: bigint,
) {
  const fields =
    outcome.status === 'replied'
      ? { status: 'replied', reply: { arg: outcome.reply } }
      : { status: 'rejected', ...rejectionFields(outcome) };
  const signed = hashOfMap({ ...fields, timestamp, request_id: requestId });
  const signature = signAsNode(concatBytes(RESPONSE_SEPARATOR, signed), ctx.nodeSecretKey);
  const identity = ctx.certifier.identity.nodeId.toUint8Array();
  return { ...fields, signatures: [{ timestamp, signature, identity }] };
}
