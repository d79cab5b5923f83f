import { deserialize, serialize } from 'node:v8';

import type { CallOutcome } from '../errors.ts';
import type { IngressRequestFacts } from './round-record.ts';

/** Statuses outlive their request's expiry by this much (the spec suggests about 5 minutes). */
const RETENTION_AFTER_EXPIRY_NS = 5n * 60_000_000_000n;
/** Entries per chunk: a full chunk is encoded once and its bytes reused by every checkpoint. */
const CHUNK_ENTRIES = 1024;
/** Starts the chunked encoding; the first format was one v8-serialized array (first byte 0xFF). */
const CHUNKED_MAGIC = Uint8Array.of(0x69, 0x68, 0x63, 0x01); // "ihc" 1

export interface IngressHistoryEntry extends IngressRequestFacts {
  sender: Uint8Array;
  outcome: CallOutcome;
}

interface Chunk {
  readonly entries: IngressHistoryEntry[];
  /** The latest expiry in the chunk: once it is past retention, so is every entry. */
  latestExpiryNs: bigint;
  encoded?: Uint8Array;
}

/**
 * The outcome of every ingress message executed within its expiry (plus retention), kept with
 * the durable state: saved in checkpoints, rebuilt by replay. After a restart the HTTP layer
 * answers a request sent again from here instead of running it twice.
 *
 * Entries are kept in arrival order in chunks of 1,024. A checkpoint encodes only the chunk
 * still filling (a history of 40,000 entries took 40–55 ms to encode whole, with every round
 * waiting), and pruning drops whole chunks from the oldest end, so an entry may outlive its
 * retention until the rest of its chunk has too.
 */
export class IngressHistory {
  private readonly byId = new Map<string, IngressHistoryEntry>();
  private readonly chunks: Chunk[] = [];

  add(entry: IngressHistoryEntry): void {
    this.byId.set(Buffer.from(entry.id).toString('hex'), entry);
    let last = this.chunks.at(-1);
    if (!last || last.entries.length === CHUNK_ENTRIES) {
      last = { entries: [], latestExpiryNs: entry.expiryNs };
      this.chunks.push(last);
    }
    last.entries.push(entry);
    if (entry.expiryNs > last.latestExpiryNs) last.latestExpiryNs = entry.expiryNs;
  }

  all(): IngressHistoryEntry[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  prune(nowNs: bigint): void {
    while (this.chunks.length > 0) {
      const oldest = this.chunks[0]!;
      if (oldest.latestExpiryNs + RETENTION_AFTER_EXPIRY_NS >= nowNs) return;
      this.chunks.shift();
      for (const entry of oldest.entries) {
        const key = Buffer.from(entry.id).toString('hex');
        // The same request id added again later lives in a later chunk.
        if (this.byId.get(key) === entry) this.byId.delete(key);
      }
    }
  }

  encode(): Uint8Array {
    return Buffer.concat(this.encodeParts());
  }

  /** The encoding in parts, for a writer that needs no single buffer (joining costs ~12 ms at 40,000 entries). */
  encodeParts(): Uint8Array[] {
    const parts: Uint8Array[] = [CHUNKED_MAGIC];
    for (const chunk of this.chunks) {
      let encoded = chunk.encoded;
      if (!encoded) {
        encoded = new Uint8Array(serialize(chunk.entries));
        if (chunk.entries.length === CHUNK_ENTRIES) chunk.encoded = encoded;
      }
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, encoded.length, true);
      parts.push(length, encoded);
    }
    return parts;
  }

  static decode(bytes: Uint8Array | undefined): IngressHistory {
    const history = new IngressHistory();
    if (!bytes) return history;
    if (!startsWith(bytes, CHUNKED_MAGIC)) {
      for (const entry of deserialize(bytes) as IngressHistoryEntry[]) history.add(entry);
      return history;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = CHUNKED_MAGIC.length; at < bytes.length;) {
      const length = view.getUint32(at, true);
      const chunk = bytes.subarray(at + 4, at + 4 + length);
      for (const entry of deserialize(chunk) as IngressHistoryEntry[]) history.add(entry);
      at += 4 + length;
    }
    return history;
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
