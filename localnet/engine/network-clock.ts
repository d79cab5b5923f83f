/**
 * The network's clock in nanoseconds since 1970. It follows the wall clock until a test sets or
 * advances it; from then on it only moves when told. It never goes backwards.
 */
export class NetworkClock {
  private manual: bigint | undefined;
  private last = 0n;

  now(): bigint {
    const candidate = this.manual ?? BigInt(Date.now()) * 1_000_000n;
    if (candidate > this.last) this.last = candidate;
    return this.last;
  }

  get isManual(): boolean {
    return this.manual !== undefined;
  }

  /**
   * Holds the clock at `nanos`. Only a time already handed out counts as the past: reading the
   * wall clock again here could pass the time just read from it (`set(now())` must hold still).
   */
  set(nanos: bigint): void {
    const latest = this.manual === undefined ? this.last : this.now();
    if (nanos < latest) {
      throw new Error(
        `CLOCK_BACKWARDS: cannot set the time to ${nanos} ns, before the current ${latest} ns`,
      );
    }
    this.manual = nanos;
    this.last = nanos;
  }

  advance(nanos: bigint): void {
    this.set(this.now() + nanos);
  }

  /** Back to following the wall clock (never earlier than the latest time handed out). */
  followWallClock(): void {
    this.manual = undefined;
  }
}
