/**
 * How much one import commit message may do: at most `entries` entries staged or cleared, and
 * nothing more once the message has run `instructions` (checked between batches, so a message
 * ends a little past it: one batch of at most BATCH_ENTRIES).
 */
export class WorkBudget {
  private used = 0;

  constructor(
    private readonly entries: number,
    private readonly instructions: bigint,
    private readonly spent: () => bigint,
  ) {}

  /** Entries the next batch may take (0 once the message has done enough). */
  next(): number {
    if (this.spent() >= this.instructions) return 0;
    return Math.max(0, Math.min(BATCH_ENTRIES, this.entries - this.used));
  }

  use(entries: number): void {
    this.used += entries;
  }
}

export const BATCH_ENTRIES = 64;

/**
 * Per commit message: ~2 M instructions per staged entry in QuickJS (decode, insert, index), so
 * 2,000 entries stay near 4 B; the instruction bound covers stores of larger records. The IC
 * allows 40 B per update, and the target for any restore message is 20 B.
 */
export const COMMIT_ENTRIES = 2_000;
export const COMMIT_INSTRUCTIONS = 5_000_000_000n;
