import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import type { Engine } from '../engine/engine.ts';
import { CallRejectedError, type CallOutcome } from '../engine/errors.ts';

/** Anything that can name its principal, e.g. an Ed25519KeyIdentity from @dfinity/identity. */
export interface HasPrincipal {
  getPrincipal(): Principal;
}

/** A pic-js style actor: the service's methods plus a settable sender. */
export type Actor<T = Record<string, (...args: unknown[]) => Promise<unknown>>> = T & {
  setIdentity(identity: HasPrincipal): void;
  setPrincipal(principal: Principal): void;
};

/** Decodes a reply, or throws the reject as a CallRejectedError. */
export function unwrap(outcome: CallOutcome, method: string): Uint8Array {
  if (outcome.kind === 'rejected')
    throw new CallRejectedError(
      outcome.rejectCode,
      outcome.rejectMessage,
      outcome.errorCode,
      method,
    );
  return outcome.reply;
}

/**
 * Builds an actor over the engine: arguments and results go through @dfinity/candid, queries run
 * as queries, everything else as ingress updates.
 */
export function createLocalActor<T>(
  engine: Engine,
  idlFactory: IDL.InterfaceFactory,
  canisterId: Principal,
): Actor<T> {
  const service = idlFactory({ IDL });
  let sender = Principal.anonymous();
  const actor: Record<string, unknown> = {
    setIdentity(identity: HasPrincipal) {
      sender = identity.getPrincipal();
    },
    setPrincipal(principal: Principal) {
      sender = principal;
    },
  };
  for (const [name, func] of service._fields) {
    const isQuery =
      func.annotations.includes('query') || func.annotations.includes('composite_query');
    actor[name] = async (...args: unknown[]) => {
      const request = {
        sender,
        canisterId,
        method: name,
        arg: new Uint8Array(IDL.encode(func.argTypes, args)),
      };
      const outcome = isQuery ? await engine.query(request) : await engine.update(request);
      const values = IDL.decode(func.retTypes, new Uint8Array(unwrap(outcome, name)));
      return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    };
  }
  return actor as Actor<T>;
}
