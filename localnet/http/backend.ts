import type { Principal } from '@dfinity/principal';

/**
 * What the HTTP interface needs from a network. The server depends on nothing else,
 * so any execution engine can sit behind it through a small adapter.
 *
 * Division of labour: the server authenticates envelopes, checks expiry and the
 * effective canister id, refuses canister-only management methods from ingress,
 * pre-checks controllers, keeps request statuses and certifies them. The backend
 * executes, and stays the authority on its own rules (it should check controllers
 * again when it runs a management method).
 */
export interface NetworkBackend {
  /**
   * Runs an ingress update call to completion (canister update or query method, or a
   * management method when `canisterId` is `aaaaa-aa`). The server calls it at most
   * once per request id, after authentication and `inspectMessage`.
   */
  submitIngress(call: IngressCall): Promise<CallOutcome>;
  /** Runs a query in non-replicated mode; state changes are discarded by the backend. */
  query(call: CanisterCall): Promise<CallOutcome>;
  /**
   * Runs `canister_inspect_message` for an ingress call to a non-management canister.
   * Accept when the canister does not export it; refuse when the canister is empty.
   */
  inspectMessage(call: CanisterCall): Promise<InspectOutcome>;
  /** The certified facts of one canister, or undefined when it does not exist. */
  canister(id: Principal): CanisterView | undefined;
  /** Every canister of the network, for the state tree a certification round signs. */
  canisterIds(): Principal[];
  /** Network time in ns (what `ic0.time` returns). Only certified in `timeSource: 'network'` mode. */
  timeNs(): bigint;
  /**
   * Closed id ranges this network hosts, certified under `/subnet/<sid>/canister_ranges`.
   * Optional: by default the whole canister id space.
   */
  canisterRanges?(): ReadonlyArray<readonly [Principal, Principal]>;
}

export interface CanisterCall {
  readonly canisterId: Principal;
  readonly methodName: string;
  readonly arg: Uint8Array;
  readonly sender: Principal;
}

export interface IngressCall extends CanisterCall {
  /** Hash of the request content, for logs and replay protection in the backend if wanted. */
  readonly requestId: Uint8Array;
  /** The effective canister id from the URL (for management calls, the target canister). */
  readonly effectiveCanisterId: Principal;
  /** The request's `ingress_expiry`, so a backend that persists statuses keeps them long enough. */
  readonly ingressExpiryNs?: bigint;
}

/** Reject codes of the IC (spec "Reject codes"). */
export type RejectCode = 1 | 2 | 3 | 4 | 5 | 6;

export type CallOutcome =
  | { readonly status: 'replied'; readonly reply: Uint8Array }
  | {
      readonly status: 'rejected';
      readonly rejectCode: RejectCode;
      readonly rejectMessage: string;
      /** `IC` + 4 digits, e.g. `IC0503`; optional as in the spec. */
      readonly errorCode?: string;
    };

export type Rejection = Extract<CallOutcome, { status: 'rejected' }>;

export type InspectOutcome =
  { readonly accepted: true } | ({ readonly accepted: false } & Rejection);

export interface CanisterView {
  /** sha256 of the installed module; undefined when the canister is empty. */
  readonly moduleHash: Uint8Array | undefined;
  readonly controllers: readonly Principal[];
  /** At most 32 bytes set by `ic0.certified_data_set` (empty by default). */
  readonly certifiedData: Uint8Array;
  /** Content of the custom section `icp:public <name>` or `icp:private <name>`. */
  metadata(name: string): CanisterMetadata | undefined;
  /** The names of every metadata section (public and private), for the full state tree. */
  metadataNames?(): string[];
}

export interface CanisterMetadata {
  readonly visibility: 'public' | 'private';
  readonly content: Uint8Array;
}
