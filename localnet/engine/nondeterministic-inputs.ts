import { randomBytes } from 'node:crypto';

/**
 * What a message may receive that does not follow from the state and the message itself:
 * randomness (`raw_rand`) and responses from outside the network (HTTPS outcalls, later
 * others). The engine asks for them only through `engine.inputs`, so durable rounds can record
 * them in the write-ahead log and a replay can hand back exactly the same values.
 *
 * Hook for new sources (e.g. the HTTPS-outcall helper): fetch the response through
 * `engine.inputs.external('https-outcall', () => fetchIt())` inside the message that needs it.
 * Live, `fetch` runs once and its bytes are logged; on replay, `fetch` is not called and the
 * logged bytes come back in the same order. Encode whatever the response carries (status,
 * headers, body) into the bytes.
 */
export interface NondeterministicInputs {
  randomBytes(size: number): Uint8Array;
  external(kind: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array>;
}

/** Fresh values from the operating system and the outside world (no recording). */
export const LIVE_INPUTS: NondeterministicInputs = {
  randomBytes: (size) => new Uint8Array(randomBytes(size)),
  external: (_kind, fetch) => fetch(),
};
