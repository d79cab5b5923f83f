import { deserialize, serialize } from 'node:v8';

import type { CallOutcome } from '../errors.ts';

/** The HTTP request an ingress message came in, kept so a replayed duplicate is still refused. */
export interface IngressRequestFacts {
  id: Uint8Array;
  expiryNs: bigint;
  effectiveCanisterId: Uint8Array;
}

/** One input of a round, in the order it ran. Principals are kept as bytes. */
export type RoundInput =
  | {
      kind: 'ingress';
      sender: Uint8Array;
      canisterId: Uint8Array;
      method: string;
      arg: Uint8Array;
      request?: IngressRequestFacts;
    }
  | { kind: 'timers' };

/** A response from outside the network, e.g. an HTTPS outcall's, in the order it was used. */
export interface ExternalResponse {
  kind: string;
  bytes: Uint8Array;
}

/**
 * Everything needed to run a round again and reach the same state: the inputs, the time all
 * of its messages saw, and the nondeterministic values handed out while it ran.
 */
export interface RoundRecord {
  seq: number;
  timeNs: bigint;
  inputs: RoundInput[];
  random: Uint8Array[];
  external: ExternalResponse[];
}

export type RoundOutcome = CallOutcome | undefined;

export function encodeRound(record: RoundRecord): Uint8Array {
  return new Uint8Array(serialize(record));
}

export function decodeRound(bytes: Uint8Array): RoundRecord {
  const record = deserialize(bytes) as RoundRecord;
  if (typeof record?.seq !== 'number' || typeof record.timeNs !== 'bigint') {
    throw new Error('LOCALNET_STATE_FORMAT: a write-ahead log record is not a round record');
  }
  return record;
}
