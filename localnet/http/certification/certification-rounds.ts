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
 * While other requests are in progress, rounds are spaced so that signing takes at most a
 * quarter of the network's time: under load, the replies of many requests share one signature
 * (and a client verifies one pairing per round); a request alone is signed at once.
 */
const SIGNING_SHARE = 4;
const MAX_ROUND_GAP_MS = 40;

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
  private lastSigningMs = 0;
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
    /** A fixed spacing between rounds while requests are in progress (default: adaptive). */
    private readonly fixedGapMs?: number,
  ) {
    statuses.onIdle = () => setImmediate(() => this.signPending());
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
    this.next ??= new Promise<Round>((resolve, reject) => {
      const wait = this.untilNextRoundMs();
      const timer = wait > 0 ? setTimeout(() => this.signPending(), wait) : undefined;
      this.pending = { resolve, reject, timer };
      // Alone, a request is signed at once; with others in progress, it waits for them to settle
      // or for the round's spacing, whichever comes first, so they share the signature.
      if (!timer || this.statuses.processing === 0) setImmediate(() => this.signPending());
    });
    return this.next;
  }

  private signPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.next = undefined;
    clearTimeout(pending.timer);
    try {
      pending.resolve(this.signRound());
    } catch (error) {
      pending.reject(error);
    }
  }

  private untilNextRoundMs(): number {
    if (!this.latest) return 0;
    const gap = this.fixedGapMs ?? Math.min(MAX_ROUND_GAP_MS, SIGNING_SHARE * this.lastSigningMs);
    return Math.max(0, this.latest.signedAtMs + gap - performance.now());
  }

  private signRound(): Round {
    const started = performance.now();
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
    this.lastSigningMs = this.latest.signedAtMs - started;
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
