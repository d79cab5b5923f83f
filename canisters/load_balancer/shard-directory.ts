import { CanisterError, type StableStore } from '../../core/index.ts';
import type { BalancingSettings, Strategy } from '../../plugins/balancing/index.ts';
import {
  type AdminState,
  type Counters,
  effectiveState,
  MAX_SHARDS,
  MAX_WEIGHT,
  type PlacementRecord,
  REMEMBERED_REPLACEMENTS,
  type ShardRecord,
  takesNewUsers,
} from './lb-model.ts';
import { chooseShard, type Candidate } from './strategies.ts';

export interface DirectoryStores {
  shards: StableStore<ShardRecord>;
  placements: StableStore<PlacementRecord>;
  meta: StableStore<unknown>;
}

const NS = 1_000_000_000n;

/**
 * The shard set and the placements: which shards exist (canister, state, weight, counts) and which
 * shard each user is pinned to. A placement is one stable-map entry keyed by the user's principal,
 * so finding it costs the same with a thousand users as with a million.
 */
export class ShardDirectory {
  constructor(
    private readonly stores: DirectoryStores,
    private readonly settings: BalancingSettings,
    private readonly now: () => bigint,
    private readonly random: () => number = Math.random,
  ) {}

  strategy(): Strategy {
    return (this.stores.meta.get('strategy') as Strategy | undefined) ?? this.settings.strategy;
  }

  setStrategy(strategy: Strategy): Strategy {
    this.stores.meta.set('strategy', strategy);
    return strategy;
  }

  counters(): Counters {
    return (
      (this.stores.meta.get('counters') as Counters | undefined) ?? {
        placements: 0,
        failovers: 0,
        provisioned: 0,
        decisions: {},
      }
    );
  }

  count(change: (counters: Counters) => void): void {
    const counters = this.counters();
    change(counters);
    this.stores.meta.set('counters', counters);
  }

  /** Every shard, in order of addition. */
  shards(): Candidate[] {
    return this.stores.shards
      .page(0, MAX_SHARDS)
      .entries.map(([, shard]) => ({ id: shard.canister, shard }))
      .sort((a, b) => a.shard.seq - b.shard.seq);
  }

  /** The shard served by `canister`. */
  shard(canister: string): ShardRecord {
    const found = this.stores.shards.findBy('canister', canister, undefined, 1).entries[0];
    if (found === undefined) {
      throw new CanisterError(
        'LB_UNKNOWN_SHARD',
        `${canister} is not a shard of this load balancer`,
      );
    }
    return found[1];
  }

  hasShard(canister: string): boolean {
    return this.stores.shards.findBy('canister', canister, undefined, 1).entries.length > 0;
  }

  save(shard: ShardRecord): void {
    this.stores.shards.set(BigInt(shard.seq), shard);
  }

  addShard(canister: string, weight: number): ShardRecord {
    checkWeight(weight);
    if (this.hasShard(canister)) {
      throw new CanisterError('LB_SHARD_EXISTS', `${canister} is already a shard`);
    }
    if (this.stores.shards.size() >= MAX_SHARDS) {
      throw new CanisterError('LB_TOO_MANY_SHARDS', `at most ${MAX_SHARDS} shards`);
    }
    const seq = (this.stores.meta.get('nextSeq') as number | undefined) ?? 0;
    this.stores.meta.set('nextSeq', seq + 1);
    const now = this.now();
    const shard: ShardRecord = {
      canister,
      state: 'active',
      unhealthy: false,
      weight,
      users: 0,
      addedAt: now,
      seq,
      windowStart: now,
      windowUsers: 0,
      sincePoll: 0,
      costInstructions: 0n,
      failuresInRow: 0,
      successesInRow: 0,
    };
    this.save(shard);
    return shard;
  }

  setState(canister: string, state: AdminState): ShardRecord {
    const shard = this.shard(canister);
    if (shard.state === 'retired' && state !== 'retired') {
      throw new CanisterError('LB_SHARD_RETIRED', `${canister} is retired`);
    }
    if (state === 'retired' && shard.users > 0) {
      throw new CanisterError(
        'LB_SHARD_HAS_USERS',
        `${canister} still holds ${shard.users} users`,
        {
          expected: '0 pinned users',
          found: String(shard.users),
        },
      );
    }
    shard.state = state;
    this.save(shard);
    return shard;
  }

  reweight(canister: string, weight: number): ShardRecord {
    checkWeight(weight);
    const shard = this.shard(canister);
    shard.weight = weight;
    this.save(shard);
    return shard;
  }

  /** Points a shard at the canister its data was restored to: every user of it follows at once. */
  replaceCanister(canister: string, replacement: string): ShardRecord {
    if (this.hasShard(replacement)) {
      const current = this.shard(replacement);
      // The backup canister's recovery repeats this call when its reply was lost (a trap or an
      // upgrade between the call and its record): the same replacement again is answered as done.
      if (current.replaced?.includes(canister)) return current;
      throw new CanisterError('LB_SHARD_EXISTS', `${replacement} is already a shard`);
    }
    const shard = this.shard(canister);
    shard.replaced = [...(shard.replaced ?? []), canister].slice(-REMEMBERED_REPLACEMENTS);
    shard.canister = replacement;
    shard.unhealthy = false;
    shard.failuresInRow = 0;
    this.save(shard);
    this.count((c) => (c.failovers += 1));
    return shard;
  }

  /** The canister serving `user`, if pinned. */
  routeOf(user: string): string | undefined {
    const placement = this.stores.placements.get(user);
    if (placement === undefined) return undefined;
    return this.stores.shards.get(BigInt(placement.shard))?.canister;
  }

  placementCount(): number {
    return this.stores.placements.size();
  }

  /** The shard a new user would get now (nothing is written). */
  candidateFor(): Candidate {
    const open = this.shards().filter((c) => takesNewUsers(c.shard));
    if (open.length === 0) {
      throw new CanisterError('LB_NO_SHARD', 'no shard takes new users', {
        found: this.shards()
          .map((c) => `${c.id}: ${effectiveState(c.shard)}`)
          .join(', '),
      });
    }
    return chooseShard(this.strategy(), open, {
      lastSeq: (this.stores.meta.get('lastSeq') as number | undefined) ?? -1,
      random: this.random,
      now: this.now(),
      windowNs: BigInt(this.settings.windowSeconds) * NS,
    });
  }

  /** Pins `user` to a shard chosen by the strategy, unless already pinned. */
  assign(user: string): { canister: string; placed: boolean } {
    const existing = this.routeOf(user);
    if (existing !== undefined) return { canister: existing, placed: false };
    const { id, shard } = this.candidateFor();
    const strategy = this.strategy();
    this.pin(user, shard);
    this.stores.meta.set('lastSeq', shard.seq);
    this.count((c) => {
      c.placements += 1;
      c.decisions[strategy] = (c.decisions[strategy] ?? 0) + 1;
    });
    return { canister: id, placed: true };
  }

  /** Moves a pinned user to the shard served by `target` (a migration's switch step). */
  repin(user: string, target: string): void {
    const placement = this.stores.placements.get(user);
    const from = placement && this.stores.shards.get(BigInt(placement.shard));
    if (from !== undefined) {
      from.users = Math.max(0, from.users - 1);
      this.save(from);
    }
    this.pin(user, this.shard(target));
  }

  private pin(user: string, shard: ShardRecord): void {
    const now = this.now();
    if (now - shard.windowStart >= BigInt(this.settings.windowSeconds) * NS) {
      shard.windowStart = now;
      shard.windowUsers = 0;
    }
    shard.users += 1;
    shard.windowUsers += 1;
    shard.sincePoll += 1;
    this.save(shard);
    this.stores.placements.set(user, { shard: shard.seq, at: now });
  }
}

function checkWeight(weight: number): void {
  if (Number.isInteger(weight) && weight >= 1 && weight <= MAX_WEIGHT) return;
  throw new CanisterError('LB_INVALID_WEIGHT', 'weight out of range', {
    expected: `an integer from 1 to ${MAX_WEIGHT}`,
    found: String(weight),
  });
}
