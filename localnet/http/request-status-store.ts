import type { Principal } from '@dfinity/principal';
import type { CallOutcome } from './backend.ts';
import { toHex } from './bytes.ts';
import type { RequestState, RequestStatusEntry } from './certification/state-tree.ts';

/** Statuses outlive their request's expiry by this much, so late polls still find them. */
const RETENTION_AFTER_EXPIRY_NS = 5n * 60_000_000_000n;

export interface IngressRecord {
  readonly requestId: Uint8Array;
  readonly sender: Principal;
  readonly effectiveCanisterId: Principal;
  readonly expiryNs: bigint;
  state: RequestState;
  /** Settles when the backend has answered. */
  readonly outcome: Promise<CallOutcome>;
}

/** Ingress statuses by request id: replay protection and the source of `/request_status`. */
export class RequestStatusStore {
  readonly #records = new Map<string, IngressRecord>();
  /** Moves on every change of a status, so certification knows when to sign a new round. */
  version = 0;

  get(requestId: Uint8Array): IngressRecord | undefined {
    return this.#records.get(toHex(requestId));
  }

  /** Records a new request and follows its outcome. */
  track(
    fields: Omit<IngressRecord, 'state' | 'outcome'>,
    run: () => Promise<CallOutcome>,
  ): IngressRecord {
    let settle!: (outcome: CallOutcome) => void;
    const record: IngressRecord = {
      ...fields,
      state: { status: 'processing' },
      outcome: new Promise((resolve) => (settle = resolve)),
    };
    this.#records.set(toHex(fields.requestId), record);
    this.version++;
    Promise.resolve()
      .then(run)
      .catch((error: unknown) => ({
        status: 'rejected' as const,
        rejectCode: 5 as const,
        rejectMessage: `localnet backend failed: ${error instanceof Error ? error.message : String(error)}`,
        errorCode: 'IC0503',
      }))
      .then((outcome) => {
        record.state = outcome;
        this.version++;
        settle(outcome);
      });
    return record;
  }

  /** Puts back the settled statuses of an earlier run (a restart must not run them again). */
  restore(records: ReadonlyArray<Omit<IngressRecord, 'outcome'> & { state: CallOutcome }>): void {
    for (const record of records) {
      this.#records.set(toHex(record.requestId), {
        ...record,
        outcome: Promise.resolve(record.state),
      });
    }
    this.version++;
  }

  entries(): RequestStatusEntry[] {
    return [...this.#records.values()].map(({ requestId, state }) => ({ requestId, state }));
  }

  /** Forgets settled requests well past their expiry (their replays are refused by the expiry check). */
  prune(nowNs: bigint): void {
    for (const [key, record] of this.#records) {
      const settled = record.state.status === 'replied' || record.state.status === 'rejected';
      if (settled && record.expiryNs + RETENTION_AFTER_EXPIRY_NS < nowNs) {
        this.#records.delete(key);
        this.version++;
      }
    }
  }
}
