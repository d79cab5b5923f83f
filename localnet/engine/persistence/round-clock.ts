import { NetworkClock } from '../network-clock.ts';

/**
 * The network clock with rounds: while a round runs, every message sees the round's time (as
 * on the IC, where a block has one time). Between rounds it follows the wall clock, never
 * going back behind a round. A replay pins the logged times, which lie in the past.
 */
export class RoundClock extends NetworkClock {
  private pinned: bigint | undefined;
  private lastRound = 0n;

  override now(): bigint {
    return this.pinned ?? super.now();
  }

  /** The time of the next live round: now, and strictly after the previous round. */
  nextRoundTime(): bigint {
    const now = super.now();
    return now > this.lastRound ? now : this.lastRound + 1n;
  }

  pin(timeNs: bigint): void {
    this.pinned = timeNs;
    if (timeNs > this.lastRound) this.lastRound = timeNs;
  }

  unpin(): void {
    this.pinned = undefined;
    if (this.lastRound > super.now()) {
      const manual = this.isManual;
      super.set(this.lastRound);
      if (!manual) this.followWallClock();
    }
  }
}
