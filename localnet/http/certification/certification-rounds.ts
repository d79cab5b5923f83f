import type { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { NetworkBackend } from '../backend.ts';
import { toHex } from '../bytes.ts';
import type { RequestStatusStore } from '../request-status-store.ts';
import type { Certifier, SignedTree } from './certifier.ts';
import type { TreePath } from './labeled-tree.ts';
import type { CanisterFacts } from './state-tree.ts';

/** A round's certificate is reused this long while the state does not change (the IC certifies about once a second). */
const FRESH_MS = 1_000;
/**
 * Under load, rounds are spaced so that many replies share one signature (and a client checks
 * one pairing per round). A round is signed once at least as many requests wait for it as for
 * the previous round (less one, so the estimate of concurrent callers can shrink) and none is
 * still running, or once ROUND_GAP_MS passed since the previous round. So a caller alone is
 * signed at once, and 16 concurrent callers share rounds of ~8 (the IC signs about once a
 * second; this keeps a reply's wait short).
 */
const ROUND_GAP_MS = 20;

interface Round {
  readonly signed: SignedTree;
  /** The request status store's version the round certified. */
  readonly statusVersion: number;
  readonly timeNs: bigint;
  /** What the round certified, to tell whether the state changed since. */
  readonly stateKey: string;
  readonly certifiedData: ReadonlyMap<string, string>;
  readonly signedAtMs: number;
}

/**
 * Certification in rounds, as on the IC: the whole state tree (time, every request status,
 * every canister, the subnet) is signed once per round, and every response reveals its part
 * of the latest round's tree. Requests that arrive together wait for the same round, so many
 * updates share one BLS signature; while nothing changes, the latest round serves everyone.
 */
export class CertificationRounds {
  private latest: Round | undefined;
  private next: Promise<Round> | undefined;
  /** Requests waiting for the pending round, and how many waited for the previous one. */
  private waiting = 0;
  private expected = 0;
  private pending:
    | { resolve(round: Round): void; reject(error: unknown): void; timer?: NodeJS.Timeout }
    | undefined;
  signatures = 0;

  constructor(
    private readonly certifier: Certifier,
    private readonly backend: NetworkBackend,
    private readonly statuses: RequestStatusStore,
    private readonly nowNs: () => bigint,
    /** True when `/time` is the backend's clock, which tests move: a moved clock needs a new round. */
    private readonly networkTime: boolean,
    /** The longest a settled request waits for others to share its round. */
    private readonly roundGapMs = ROUND_GAP_MS,
  ) {
    statuses.onIdle = () => {
      if (this.waiting >= this.expected) this.signSoon();
    };
  }

  /** A certificate of the current state revealing `paths`: the latest round's, or the next one's. */
  async certificate(paths: readonly TreePath[]): Promise<Uint8Array> {
    const round = this.isCurrent(this.latest) ? this.latest! : await this.nextRound();
    return this.certifier.reveal(round.signed, paths);
  }

  /**
   * A certificate revealing a request's status once it settled at `statusVersion`: any fresh
   * round from then on holds it, so a reply does not wait for a signature over requests that
   * arrived after it.
   */
  async statusCertificate(path: TreePath, statusVersion: number): Promise<Uint8Array> {
    const latest = this.latest;
    const usable =
      latest !== undefined &&
      this.isFresh(latest) &&
      latest.statusVersion >= statusVersion &&
      (!this.networkTime || latest.timeNs === this.nowNs());
    const round = usable ? latest : await this.nextRound();
    return this.certifier.reveal(round.signed, [path]);
  }

  /**
   * The data certificate of a non-replicated query, synchronously: the latest round's when it
   * holds the canister's current certified data and is fresh; otherwise a round signed now.
   */
  dataCertificate(canisterId: Principal, certifiedData: Uint8Array): Uint8Array {
    const key = canisterId.toText();
    let round = this.latest;
    if (!round || !this.isFresh(round) || round.certifiedData.get(key) !== toHex(certifiedData)) {
      round = this.signRound();
    }
    const path = [
      utf8ToBytes('canister'),
      canisterId.toUint8Array(),
      utf8ToBytes('certified_data'),
    ];
    return this.certifier.reveal(round.signed, [path]);
  }

  private nextRound(): Promise<Round> {
    this.waiting++;
    this.next ??= new Promise<Round>((resolve, reject) => {
      const wait = this.untilNextRoundMs();
      const timer = wait > 0 ? setTimeout(() => this.signPending(), wait) : undefined;
      this.pending = { resolve, reject, timer };
      if (!timer) this.signSoon();
    });
    if (this.statuses.processing === 0 && this.waiting >= this.expected) this.signSoon();
    return this.next;
  }

  /** Signs the pending round after the current callbacks (so requests settling with it join). */
  private signSoon(): void {
    const pending = this.pending;
    if (!pending) return;
    setImmediate(() => {
      if (this.pending === pending) this.signPending();
    });
  }

  private signPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.next = undefined;
    this.expected = Math.max(this.waiting, this.expected - 1);
    this.waiting = 0;
    clearTimeout(pending.timer);
    try {
      pending.resolve(this.signRound());
    } catch (error) {
      pending.reject(error);
    }
  }

  private untilNextRoundMs(): number {
    if (!this.latest) return 0;
    return Math.max(0, this.latest.signedAtMs + this.roundGapMs - performance.now());
  }

  private signRound(): Round {
    const canisters = this.canisters();
    const stateKey = this.stateKey(canisters);
    const timeNs = this.nowNs();
    const signed = this.certifier.signTree({
      timeNs,
      requestStatuses: this.statuses.level(),
      canisters,
      subnet: this.certifier.subnetFacts(this.backend.canisterRanges?.()),
    });
    this.signatures++;
    this.latest = {
      signed,
      statusVersion: this.statuses.version,
      timeNs,
      stateKey,
      certifiedData: new Map(canisters.map((c) => [c.id.toText(), toHex(c.view.certifiedData)])),
      signedAtMs: performance.now(),
    };
    return this.latest;
  }

  private isCurrent(round: Round | undefined): boolean {
    return round !== undefined && this.isFresh(round) && round.stateKey === this.stateKey();
  }

  private isFresh(round: Round): boolean {
    return performance.now() - round.signedAtMs < FRESH_MS;
  }

  private canisters(): CanisterFacts[] {
    const facts: CanisterFacts[] = [];
    for (const id of this.backend.canisterIds?.() ?? []) {
      const view = this.backend.canister(id);
      if (view) facts.push({ id, view, metadataNames: view.metadataNames?.() ?? [] });
    }
    return facts;
  }

  private stateKey(canisters = this.canisters()): string {
    const parts = [String(this.statuses.version)];
    if (this.networkTime) parts.push(String(this.nowNs()));
    for (const { id, view } of canisters) {
      parts.push(
        id.toText(),
        toHex(view.certifiedData),
        view.moduleHash ? toHex(view.moduleHash) : '-',
        view.controllers.map((c) => c.toText()).join(','),
      );
    }
    return parts.join('|');
  }
}
