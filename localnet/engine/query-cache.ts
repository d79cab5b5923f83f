import { createHash } from 'node:crypto';

import type { Canister } from './canister.ts';
import { ErrorCode, type CallOutcome } from './errors.ts';

/** What a query execution read that the canister's version does not cover. */
export interface QueryObservations {
  time: boolean;
  balance: boolean;
  dataCertificate: boolean;
  /** A trap or a refused call anywhere in the query's call graph, even one a caller handled. */
  failed: boolean;
}

export function noObservations(): QueryObservations {
  return { time: false, balance: false, dataCertificate: false, failed: false };
}

/** A canister a cached answer was computed from, as it was then. */
interface Evaluated {
  canister: Canister;
  version: bigint;
  cycles: bigint;
}

interface Entry {
  outcome: CallOutcome;
  evaluated: Evaluated[];
  timeNs: bigint;
  observed: QueryObservations;
  bytes: number;
}

export interface QueryCacheOptions {
  capacityBytes?: number;
  maxAgeNs?: bigint;
  dataCertificateMaxAgeNs?: bigint;
}

const SECOND_NS = 1_000_000_000n;
/** The IC's defaults: 200 MiB, entries live at most 600 s, or 60 s when they read a certificate. */
const DEFAULTS = {
  capacityBytes: 200 * 1024 * 1024,
  maxAgeNs: 600n * SECOND_NS,
  dataCertificateMaxAgeNs: 60n * SECOND_NS,
};
const ENTRY_OVERHEAD_BYTES = 200;
const ARG_KEPT_WHOLE_BYTES = 96;

/**
 * The replica-side query cache of the IC: a user's query answered again without running the
 * canister while nothing it depends on has changed. An answer stays valid while every canister
 * it ran on keeps its version (which every kept execution, install, settings change and snapshot
 * load moves) and status, and, only where the query read them, its cycle balance and the time.
 * An answer that read a data certificate expires sooner, as the certificate ages. No answer is
 * kept when a trap or a refused call happened anywhere in its call graph. Entries leave least
 * recently used first once the cache holds `capacityBytes`.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly options: typeof DEFAULTS;
  private heldBytes = 0;
  hits = 0;
  misses = 0;

  constructor(options: QueryCacheOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  static key(canister: Canister, sender: Uint8Array, method: string, arg: Uint8Array): string {
    const argKey =
      arg.length <= ARG_KEPT_WHOLE_BYTES
        ? Buffer.from(arg.buffer, arg.byteOffset, arg.length).toString('base64')
        : `#${createHash('sha256').update(arg).digest('base64')}`;
    const senderKey = Buffer.from(sender.buffer, sender.byteOffset, sender.length).toString('hex');
    return `${canister.idText}\n${senderKey}\n${method}\n${argKey}`;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key`, if it is still the one a fresh run would give. */
  lookup(key: string, nowNs: bigint, current: (idText: string) => Canister | undefined) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (!this.isValid(entry, nowNs, current)) {
      this.drop(key, entry);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return ownCopy(entry.outcome);
  }

  /** Keeps an answer computed at `timeNs`; `evaluated` holds each canister it ran on, as it is now. */
  store(
    key: string,
    outcome: CallOutcome,
    evaluated: Canister[],
    timeNs: bigint,
    observed: QueryObservations,
  ): void {
    this.misses++;
    if (observed.failed || !isCacheable(outcome)) return;
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    const bytes = key.length + outcomeBytes(outcome) + ENTRY_OVERHEAD_BYTES * evaluated.length;
    if (bytes > this.options.capacityBytes) return;
    const entry: Entry = {
      outcome: ownCopy(outcome),
      evaluated: evaluated.map((canister) => ({
        canister,
        version: canister.version,
        cycles: canister.cycles,
      })),
      timeNs,
      observed: { ...observed },
      bytes,
    };
    this.entries.set(key, entry);
    this.heldBytes += bytes;
    for (const [oldest, old] of this.entries) {
      if (this.heldBytes <= this.options.capacityBytes) break;
      this.drop(oldest, old);
    }
  }

  private isValid(
    entry: Entry,
    nowNs: bigint,
    current: (idText: string) => Canister | undefined,
  ): boolean {
    const age = nowNs - entry.timeNs;
    if (age > this.options.maxAgeNs) return false;
    if (entry.observed.dataCertificate && age > this.options.dataCertificateMaxAgeNs) return false;
    if (entry.observed.time && nowNs !== entry.timeNs) return false;
    return entry.evaluated.every(
      ({ canister, version, cycles }) =>
        current(canister.idText) === canister &&
        canister.status === 'running' &&
        canister.version === version &&
        (!entry.observed.balance || canister.cycles === cycles),
    );
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}

/** Callers may change the bytes they get; the kept answer must not change with them. */
function ownCopy(outcome: CallOutcome): CallOutcome {
  return outcome.kind === 'replied' ? { kind: 'replied', reply: outcome.reply.slice() } : outcome;
}

/** Replies and the canister's own rejects are answers; system errors (traps, limits) are not. */
function isCacheable(outcome: CallOutcome): boolean {
  return outcome.kind === 'replied' || outcome.errorCode === ErrorCode.CanisterRejectedMessage;
}

function outcomeBytes(outcome: CallOutcome): number {
  return outcome.kind === 'replied' ? outcome.reply.length : outcome.rejectMessage.length;
}
