const NS_PER_SECOND = 1_000_000_000;

interface Bucket {
  tokens: number;
  updatedNs: bigint;
}

export interface Budget {
  ratePerMinute: number;
  burst: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets per key (caller and method) in the heap. A bucket holds up to
 * `burst` tokens and refills at `ratePerMinute`; each call takes one. The map is
 * kept in use order, so past `maxBuckets` the least recently used one is
 * dropped (it has been idle longest, so it was most likely full again).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxBuckets: number) {}

  take(key: string, budget: Budget, nowNs: bigint): Take {
    const bucket = this.refilled(key, budget, nowNs);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evictOverflow();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const perSecond = budget.ratePerMinute / 60;
    return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perSecond) };
  }

  size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, budget: Budget, nowNs: bigint): Bucket {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { tokens: budget.burst, updatedNs: nowNs };
    const elapsedSeconds = Number(nowNs - bucket.updatedNs) / NS_PER_SECOND;
    const tokens = Math.min(
      budget.burst,
      bucket.tokens + (elapsedSeconds * budget.ratePerMinute) / 60,
    );
    return { tokens, updatedNs: nowNs };
  }

  private evictOverflow(): void {
    while (this.buckets.size > this.maxBuckets) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}
