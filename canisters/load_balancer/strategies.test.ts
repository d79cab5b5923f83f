import { describe, expect, it } from 'vitest';

import type { Strategy } from '../../plugins/balancing/index.ts';
import type { ShardRecord } from './lb-model.ts';
import { type Candidate, chooseShard } from './strategies.ts';

const HOUR = 3_600_000_000_000n;

function shard(seq: number, extra: Partial<ShardRecord> = {}): Candidate {
  return {
    id: `shard-${seq}`,
    shard: {
      canister: `shard-${seq}`,
      state: 'active',
      unhealthy: false,
      weight: 100,
      users: 0,
      addedAt: 0n,
      seq,
      windowStart: 0n,
      windowUsers: 0,
      sincePoll: 0,
      costInstructions: 0n,
      failuresInRow: 0,
      successesInRow: 0,
      ...extra,
    },
  };
}

/** A seeded generator (mulberry32), so the weighted draw is repeatable. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Places `n` users like the directory does (counts follow each choice). */
function place(strategy: Strategy, candidates: Candidate[], n: number, seed = 7) {
  const random = seeded(seed);
  let lastSeq = -1;
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const chosen = chooseShard(strategy, candidates, { lastSeq, random, now: 0n, windowNs: HOUR });
    lastSeq = chosen.shard.seq;
    if (chosen.shard.windowStart <= -HOUR) {
      chosen.shard.windowStart = 0n;
      chosen.shard.windowUsers = 0;
    }
    chosen.shard.users += 1;
    chosen.shard.windowUsers += 1;
    chosen.shard.sincePoll += 1;
    counts[chosen.id] = (counts[chosen.id] ?? 0) + 1;
  }
  return candidates.map((c) => counts[c.id] ?? 0);
}

describe('strategies', () => {
  it('round_robin takes each shard in turn, in order of addition', () => {
    const candidates = [shard(2), shard(0), shard(1)];
    expect(place('round_robin', candidates, 3001)).toEqual([1000, 1001, 1000]);
    const order = [0, 1, 2, 0].map(
      (last) =>
        chooseShard('round_robin', candidates, {
          lastSeq: last,
          random: Math.random,
          now: 0n,
          windowNs: HOUR,
        }).shard.seq,
    );
    expect(order).toEqual([1, 2, 0, 1]);
  });

  it('least_connections fills the emptiest shard first, counting only the window', () => {
    const candidates = [
      shard(0, { users: 500, windowUsers: 0 }),
      shard(1, { users: 10, windowUsers: 40, windowStart: 0n }),
      // an old window counts as empty
      shard(2, { users: 900, windowUsers: 300, windowStart: -2n * HOUR }),
    ];
    const counts = place('least_connections', candidates, 299);
    // shard 1 starts with 40 in the window (shard 2's 300 are from an old window): the others catch
    // up first, shard 0 (fewer users in all) before shard 2 on ties, then all grow evenly
    expect(counts).toEqual([113, 73, 113]);
    expect(candidates.map((c) => c.shard.windowUsers)).toEqual([113, 113, 113]);
  });

  it('weighted_random follows the weights within 3 %', () => {
    const candidates = [
      shard(0, { weight: 100 }),
      shard(1, { weight: 200 }),
      shard(2, { weight: 700 }),
    ];
    const counts = place('weighted_random', candidates, 30_000);
    expect(counts[0]! / 30_000).toBeCloseTo(0.1, 1);
    expect(Math.abs(counts[1]! / 30_000 - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(counts[2]! / 30_000 - 0.7)).toBeLessThan(0.03);
  });

  it('response_time gives a shard twice as costly half the new users', () => {
    const candidates = [
      shard(0, { costInstructions: 1_000_000n }),
      shard(1, { costInstructions: 2_000_000n }),
      shard(2, { costInstructions: 1_000_000n }),
    ];
    const counts = place('response_time', candidates, 2500);
    expect(counts).toEqual([1000, 500, 1000]);
  });

  it('response_time spreads evenly before any cost was measured', () => {
    expect(place('response_time', [shard(0), shard(1), shard(2)], 3000)).toEqual([
      1000, 1000, 1000,
    ]);
  });
});
