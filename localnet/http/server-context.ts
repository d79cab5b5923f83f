import type { NetworkBackend } from './backend.ts';
import type { CertificationRounds } from './certification/certification-rounds.ts';
import type { Certifier } from './certification/certifier.ts';
import type { RequestStatusStore } from './request-status-store.ts';

/** Everything a route handler may use. */
export interface ServerContext {
  readonly backend: NetworkBackend;
  readonly certifier: Certifier;
  readonly statuses: RequestStatusStore;
  /** Certificates of the latest round's state tree (one BLS signature per round). */
  readonly rounds: CertificationRounds;
  /** The Ed25519 seed that signs query responses. */
  readonly nodeSecretKey: Uint8Array;
  /** Certified time in ns: `/time` in certificates, query timestamps and the expiry check. */
  readonly nowNs: () => bigint;
  /** How long a call may run before the server answers 202 and lets the client poll. */
  readonly syncCallTimeoutMs: number;
  /** When false, `/api/v3|v4/canister/<id>/call` answers 404 so agents fall back to v2 (tests only). */
  readonly syncCallSupported: boolean;
  readonly implVersion: string;
}

/** What a handler answers; the server adds CORS headers. */
export interface HttpReply {
  readonly status: number;
  readonly contentType?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly body?: Uint8Array | string;
}

export function cborReply(status: number, body: Uint8Array): HttpReply {
  return { status, contentType: 'application/cbor', body };
}
