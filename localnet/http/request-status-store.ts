import type { Principal } from '@dfinity/principal';
import type { CallOutcome } from './backend.ts';
import { toHex } from './bytes.ts';
import { trieDelete, trieSet, type LabelTrie } from './certification/label-trie.ts';
import type { LabeledTree } from './certification/labeled-tree.ts';
import { requestStatusTree, type RequestState } from './certification/state-tree.ts';

/** Statuses outlive their request's expiry by this much, so late polls still find them. */
const RETENTION_AFTER_EXPIRY_NS = 5n * 60_000_000_000n;
/** Expiries are grouped by the second, so pruning visits only what it removes. */
const EXPIRY_BUCKET_NS = 1_000_000_000n;

export interface IngressRecord {
  readonly requestId: Uint8Array;
  readonly sender: Principal;
  readonly effectiveCanisterId: Principal;
  readonly expiryNs: bigint;
  state: RequestState;
  /** The store's version once the outcome was recorded (a round at least this new holds it). */
  settledVersion?: number;
  /** Settles when the backend has answered. */
  readonly outcome: Promise<CallOutcome>;
}

/**
 * Ingress statuses by request id: replay protection and the source of `/request_status`. The
 * certified level is a persistent label trie updated per change, so a round costs the changed
 * paths, not every status kept.
 */
export class RequestStatusStore {
  readonly #records = new Map<string, IngressRecord>();
  /** Request keys by the second their retention ends. */
  readonly #byRetentionEnd = new Map<bigint, string[]>();
  #trie: LabelTrie<LabeledTree> = undefined;
  #prunedUpTo = 0n;
  /** Moves on every change of a status, so certification knows when to sign a new round. */
  version = 0;
  /** Requests tracked and not settled yet. */
  processing = 0;
  /** Called when the last request in progress settles (certification signs then). */
  onIdle: (() => void) | undefined;

  get(requestId: Uint8Array): IngressRecord | undefined {
    return this.#records.get(toHex(requestId));
  }

  get size(): number {
    return this.#records.size;
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
    this.#add(record);
    this.processing++;
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
        if (this.#records.get(toHex(record.requestId)) === record) {
          this.#trie = trieSet(this.#trie, record.requestId, requestStatusTree(outcome));
          this.version++;
        }
        record.settledVersion = this.version;
        settle(outcome);
        if (--this.processing === 0) this.onIdle?.();
      });
    return record;
  }

  /** Puts back the settled statuses of an earlier run (a restart must not run them again). */
  restore(records: ReadonlyArray<Omit<IngressRecord, 'outcome'> & { state: CallOutcome }>): void {
    for (const record of records) this.#add({ ...record, outcome: Promise.resolve(record.state) });
    for (const record of records) this.get(record.requestId)!.settledVersion = this.version;
  }

  /** The certified `request_status` level as it is now; later changes do not alter it. */
  level(): LabeledTree {
    return { trie: this.#trie };
  }

  /** Forgets settled requests well past their expiry (their replays are refused by the expiry check). */
  prune(nowNs: bigint): void {
    const horizon = nowNs / EXPIRY_BUCKET_NS;
    if (horizon <= this.#prunedUpTo) return;
    const due: bigint[] = [];
    if (horizon - this.#prunedUpTo > BigInt(this.#byRetentionEnd.size)) {
      for (const second of this.#byRetentionEnd.keys()) if (second < horizon) due.push(second);
    } else {
      for (let second = this.#prunedUpTo; second < horizon; second++) {
        if (this.#byRetentionEnd.has(second)) due.push(second);
      }
    }
    this.#prunedUpTo = horizon;
    for (const second of due) {
      const keys = this.#byRetentionEnd.get(second)!;
      this.#byRetentionEnd.delete(second);
      for (const key of keys) this.#forget(key);
    }
  }

  #add(record: IngressRecord): void {
    const key = toHex(record.requestId);
    this.#records.set(key, record);
    this.#trie = trieSet(this.#trie, record.requestId, requestStatusTree(record.state));
    this.version++;
    this.#schedule(key, (record.expiryNs + RETENTION_AFTER_EXPIRY_NS) / EXPIRY_BUCKET_NS);
  }

  #schedule(key: string, second: bigint): void {
    const bucket = this.#byRetentionEnd.get(second);
    if (bucket) bucket.push(key);
    else this.#byRetentionEnd.set(second, [key]);
  }

  #forget(key: string): void {
    const record = this.#records.get(key);
    if (!record) return;
    const settled = record.state.status === 'replied' || record.state.status === 'rejected';
    if (!settled) {
      // Still running past its retention: look again at the next prune.
      this.#schedule(key, this.#prunedUpTo);
      return;
    }
    this.#records.delete(key);
    this.#trie = trieDelete(this.#trie, record.requestId);
    this.version++;
  }
}
