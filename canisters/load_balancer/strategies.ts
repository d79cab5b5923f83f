import type { Strategy } from '../../plugins/balancing/index.ts';
import type { ShardRecord } from './lb-model.ts';

export interface Candidate {
  id: string;
  shard: ShardRecord;
}

export interface ChoiceContext {
  /** round_robin: the `seq` of the shard chosen last (-1: none yet). */
  lastSeq: number;
  /** A number in [0, 1): weighted_random's draw. */
  random: () => number;
  now: bigint;
  windowNs: bigint;
}

const bySeq = (a: Candidate, b: Candidate) => a.shard.seq - b.shard.seq;

/** Users placed on the shard within the current window. */
export function windowUsers(shard: ShardRecord, now: bigint, windowNs: bigint): number {
  return now - shard.windowStart >= windowNs ? 0 : shard.windowUsers;
}

/** Picks the lowest score; ties go to the shard added first. */
function lowest(candidates: Candidate[], score: (c: Candidate) => number): Candidate {
  let best = candidates[0]!;
  let bestScore = score(best);
  for (const candidate of candidates.slice(1)) {
    const value = score(candidate);
    if (value < bestScore || (value === bestScore && candidate.shard.seq < best.shard.seq)) {
      best = candidate;
      bestScore = value;
    }
  }
  return best;
}

const CHOOSERS: Record<Strategy, (candidates: Candidate[], ctx: ChoiceContext) => Candidate> = {
  /** The next shard after the one chosen last, in the order shards were added. */
  round_robin: (candidates, ctx) =>
    [...candidates].sort(bySeq).find((c) => c.shard.seq > ctx.lastSeq) ??
    [...candidates].sort(bySeq)[0]!,
  /** Fewest users placed within the window; then fewest users in all. */
  least_connections: (candidates, ctx) =>
    lowest(
      candidates,
      (c) => windowUsers(c.shard, ctx.now, ctx.windowNs) * 1e9 + Math.min(c.shard.users, 1e9 - 1),
    ),
  /** A random shard, each with probability weight / total weight. */
  weighted_random: (candidates, ctx) => {
    const total = candidates.reduce((sum, c) => sum + c.shard.weight, 0);
    let draw = ctx.random() * total;
    for (const candidate of [...candidates].sort(bySeq)) {
      draw -= candidate.shard.weight;
      if (draw < 0) return candidate;
    }
    return candidates[candidates.length - 1]!;
  },
  /**
   * Lowest measured cost (instructions per call from the shard's metrics, 1 until measured), times the
   * users placed since that measurement: a shard twice as costly gets half the new users.
   */
  response_time: (candidates) =>
    lowest(
      candidates,
      (c) => Math.max(Number(c.shard.costInstructions), 1) * (c.shard.sincePoll + 1),
    ),
};

/** The shard a new user gets under `strategy`; candidates must be non-empty. */
export function chooseShard(
  strategy: Strategy,
  candidates: Candidate[],
  ctx: ChoiceContext,
): Candidate {
  return CHOOSERS[strategy](candidates, ctx);
}
