import { deserialize, serialize } from 'node:v8';

import type { CallOutcome } from '../errors.ts';
import type { IngressRequestFacts } from './round-record.ts';

/** Statuses outlive their request's expiry by this much (the spec suggests about 5 minutes). */
const RETENTION_AFTER_EXPIRY_NS = 5n * 60_000_000_000n;

export interface IngressHistoryEntry extends IngressRequestFacts {
  sender: Uint8Array;
  outcome: CallOutcome;
}

/**
 * The outcome of every ingress message executed within its expiry (plus retention), kept with
 * the durable state: saved in checkpoints, rebuilt by replay. After a restart the HTTP layer
 * answers a request sent again from here instead of running it twice.
 */
export class IngressHistory {
  private readonly entries = new Map<string, IngressHistoryEntry>();

  add(entry: IngressHistoryEntry): void {
    this.entries.set(Buffer.from(entry.id).toString('hex'), entry);
  }

  all(): IngressHistoryEntry[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }

  prune(nowNs: bigint): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiryNs + RETENTION_AFTER_EXPIRY_NS < nowNs) this.entries.delete(key);
    }
  }

  encode(): Uint8Array {
    return new Uint8Array(serialize(this.all()));
  }

  static decode(bytes: Uint8Array | undefined): IngressHistory {
    const history = new IngressHistory();
    if (bytes) for (const entry of deserialize(bytes) as IngressHistoryEntry[]) history.add(entry);
    return history;
  }
}
