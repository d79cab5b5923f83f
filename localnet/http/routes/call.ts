import type { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { Rejection } from '../backend.ts';
import { authenticateSender } from '../auth/sender-auth.ts';
import { parseEnvelope } from '../auth/envelope.ts';
import { checkIngressExpiry } from '../auth/ingress-expiry.ts';
import { encodeCbor } from '../cbor.ts';
import {
  checkEffectiveCanisterId,
  checkManagementIngress,
  isManagementCanister,
} from '../management-ingress.ts';
import type { IngressRecord } from '../request-status-store.ts';
import { cborReply, type HttpReply, type ServerContext } from '../server-context.ts';

type Accepted =
  | { readonly accepted: true; readonly record: IngressRecord }
  | { readonly accepted: false; readonly rejection: Rejection };

/** `POST /api/v3/canister/<ecid>/call` (and v4): 200 with a certificate once done, 202 while still running. */
export async function handleSyncCall(
  ctx: ServerContext,
  ecid: Principal,
  body: Uint8Array,
): Promise<HttpReply> {
  const result = await acceptCall(ctx, ecid, body);
  if (!result.accepted) {
    return cborReply(
      200,
      encodeCbor({ status: 'non_replicated_rejection', ...rejectionFields(result.rejection) }),
    );
  }
  const { record } = result;
  if (!(await settlesWithin(record, ctx.syncCallTimeoutMs))) return { status: 202 };
  const path = [utf8ToBytes('request_status'), record.requestId];
  const certificate = await ctx.rounds.statusCertificate(path, record.settledVersion ?? Infinity);
  // "replied" here means "the certificate is ready"; the outcome itself is in the certificate.
  return cborReply(200, encodeCbor({ status: 'replied', certificate }));
}

/** `POST /api/v2/canister/<ecid>/call`: 202, then the client polls `read_state`. */
export async function handleAsyncCall(
  ctx: ServerContext,
  ecid: Principal,
  body: Uint8Array,
): Promise<HttpReply> {
  const result = await acceptCall(ctx, ecid, body);
  if (!result.accepted) return cborReply(200, encodeCbor(rejectionFields(result.rejection)));
  // Finishing first spares the agent its ~2 s second poll.
  await settlesWithin(result.record, ctx.syncCallTimeoutMs);
  return { status: 202 };
}

async function acceptCall(
  ctx: ServerContext,
  ecid: Principal,
  body: Uint8Array,
): Promise<Accepted> {
  const envelope = parseEnvelope(body, 'call');
  const { content, requestId } = envelope;
  const nowNs = ctx.nowNs();
  checkIngressExpiry(content.ingressExpiryNs, nowNs);
  const sender = authenticateSender(envelope, { nowNs, targetCanister: content.canisterId });
  ctx.statuses.prune(nowNs);
  const known = knownRequest(ctx, requestId, ecid);
  if (known) return known;

  const call = {
    canisterId: content.canisterId,
    methodName: content.methodName,
    arg: content.arg,
    sender,
  };
  if (isManagementCanister(content.canisterId)) {
    const refusal = checkManagementIngress({ ...call, effectiveCanisterId: ecid }, ctx.backend);
    if (refusal) return { accepted: false, rejection: refusal };
  } else {
    checkEffectiveCanisterId(content.canisterId, ecid);
    if (!ctx.backend.canister(content.canisterId)) {
      return { accepted: false, rejection: canisterNotFound(content.canisterId) };
    }
    const inspected = await ctx.backend.inspectMessage(call);
    if (!inspected.accepted) {
      const { rejectCode, rejectMessage, errorCode } = inspected;
      return {
        accepted: false,
        rejection: { status: 'rejected', rejectCode, rejectMessage, errorCode },
      };
    }
  }
  // The same request may have arrived again while inspect_message ran.
  const raced = knownRequest(ctx, requestId, ecid);
  if (raced) return raced;
  const record = ctx.statuses.track(
    { requestId, sender, effectiveCanisterId: ecid, expiryNs: content.ingressExpiryNs },
    () =>
      ctx.backend.submitIngress({
        ...call,
        requestId,
        effectiveCanisterId: ecid,
        ingressExpiryNs: content.ingressExpiryNs,
      }),
  );
  return { accepted: true, record };
}

/** A request id seen before is answered from its record, never run twice. */
function knownRequest(
  ctx: ServerContext,
  requestId: Uint8Array,
  ecid: Principal,
): Accepted | undefined {
  const record = ctx.statuses.get(requestId);
  if (!record) return undefined;
  checkEffectiveCanisterId(record.effectiveCanisterId, ecid);
  return { accepted: true, record };
}

async function settlesWithin(record: IngressRecord, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(
    (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
  );
  try {
    return await Promise.race([record.outcome.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function canisterNotFound(id: Principal): Rejection {
  return {
    status: 'rejected',
    rejectCode: 3,
    rejectMessage: `Canister ${id.toText()} not found`,
    errorCode: 'IC0301',
  };
}

export function rejectionFields(rejection: Rejection) {
  return {
    reject_code: rejection.rejectCode,
    reject_message: rejection.rejectMessage,
    ...(rejection.errorCode === undefined ? {} : { error_code: rejection.errorCode }),
  };
}
