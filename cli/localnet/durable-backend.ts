import { Principal } from '@dfinity/principal';

import type { CallOutcome as EngineOutcome } from '../../localnet/engine/errors.ts';
import type { DurableEngine } from '../../localnet/engine/persistence/durable-engine.ts';
import type { CallOutcome, NetworkBackend } from '../../localnet/http/backend.ts';
import { engineBackend } from '../../localnet/http/engine-backend.ts';
import { RequestStatusStore } from '../../localnet/http/request-status-store.ts';

/** The HTTP backend of a durable engine: ingress runs in logged rounds, answered once on disk. */
export function durableBackend(durable: DurableEngine, onIngress: () => void): NetworkBackend {
  const backend = engineBackend(durable.engine);
  backend.submitIngress = async (call) => {
    const outcome = await durable.rounds.submit({
      kind: 'ingress',
      sender: call.sender.toUint8Array(),
      canisterId: call.canisterId.toUint8Array(),
      method: call.methodName,
      arg: call.arg,
      request: {
        id: call.requestId,
        expiryNs: call.ingressExpiryNs ?? 0n,
        effectiveCanisterId: call.effectiveCanisterId.toUint8Array(),
      },
    });
    onIngress();
    return toHttp(outcome!);
  };
  return backend;
}

/** Statuses of the requests the durable state remembers, for the HTTP layer's duplicate check. */
export function restoredStatuses(durable: DurableEngine): RequestStatusStore {
  const store = new RequestStatusStore();
  store.restore(
    durable.history.all().map((entry) => ({
      requestId: entry.id,
      sender: Principal.fromUint8Array(entry.sender),
      effectiveCanisterId: Principal.fromUint8Array(entry.effectiveCanisterId),
      expiryNs: entry.expiryNs,
      state: toHttp(entry.outcome),
    })),
  );
  return store;
}

function toHttp(outcome: EngineOutcome): CallOutcome {
  if (outcome.kind === 'replied') return { status: 'replied', reply: outcome.reply };
  const { rejectCode, rejectMessage, errorCode } = outcome;
  return { status: 'rejected', rejectCode, rejectMessage, errorCode };
}
