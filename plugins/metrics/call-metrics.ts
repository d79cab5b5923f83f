/** Instruction statistics of one method: count, sum, max and a cumulative histogram. */
export interface InstructionStats {
  count: bigint;
  sum: bigint;
  max: bigint;
  /** Calls whose instruction count was at most `le`, for each configured bound (cumulative). */
  buckets: { le: bigint; count: bigint }[];
}

export interface MethodStats {
  method: string;
  mode: 'query' | 'update';
  calls: bigint;
  errors: Map<string, bigint>;
  instructions: InstructionStats;
}

export const DEFAULT_BUCKETS = [1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 1e9, 1e10];

/**
 * Per-method counters in heap memory. They reset on upgrade (as Prometheus
 * counters may); calls whose state the IC discards (non-replicated queries,
 * traps) leave no trace.
 */
export class CallMetrics {
  private readonly methods = new Map<string, MethodStats>();
  private readonly bounds: bigint[];

  constructor(buckets: readonly number[] = DEFAULT_BUCKETS) {
    this.bounds = [...buckets].sort((a, b) => a - b).map((b) => BigInt(b));
  }

  record(method: string, mode: 'query' | 'update', instructions: bigint, errorCode?: string): void {
    const stats = this.statsOf(method, mode);
    stats.calls += 1n;
    if (errorCode !== undefined)
      stats.errors.set(errorCode, (stats.errors.get(errorCode) ?? 0n) + 1n);
    const histogram = stats.instructions;
    histogram.count += 1n;
    histogram.sum += instructions;
    if (instructions > histogram.max) histogram.max = instructions;
    for (const bucket of histogram.buckets) if (instructions <= bucket.le) bucket.count += 1n;
  }

  list(): MethodStats[] {
    return [...this.methods.values()].sort((a, b) => (a.method < b.method ? -1 : 1));
  }

  private statsOf(method: string, mode: 'query' | 'update'): MethodStats {
    let stats = this.methods.get(method);
    if (stats === undefined) {
      stats = {
        method,
        mode,
        calls: 0n,
        errors: new Map(),
        instructions: {
          count: 0n,
          sum: 0n,
          max: 0n,
          buckets: this.bounds.map((le) => ({ le, count: 0n })),
        },
      };
      this.methods.set(method, stats);
    }
    return stats;
  }
}
