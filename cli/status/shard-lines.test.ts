import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import type { LoadBalancerStats, MigrationLine } from '../deploy/load-balancer-actor.ts';
import { formatShardLines } from './shard-lines.ts';

const a = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const b = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
const gone = Principal.fromText('r7inp-6aaaa-aaaaa-aaabq-cai');
const alice = Principal.fromText('2vxsx-fae');
const bob = Principal.fromText('aaaaa-aa');

const stats = (change: Partial<LoadBalancerStats> = {}): LoadBalancerStats => ({
  strategy: 'round_robin',
  placements: 3n,
  migrated: 0n,
  migrating: 0n,
  shards: [
    { canister: a, key: 0, state: 'active', weight: 100, users: 2n },
    { canister: b, key: 1, state: 'unhealthy', weight: 50, users: 1n },
  ],
  provisioned: [],
  provisioning: [],
  shard_wasm: { module_hash: [], chunks: 0, uploaded: 0 },
  ...change,
});

const move = (change: Partial<MigrationLine>): MigrationLine => ({
  user: alice,
  from: a,
  to: b,
  step: 'copy',
  copied: 0n,
  attempts: 0,
  paused: false,
  last_error: [],
  ...change,
});

describe('status shard lines', () => {
  it('shows the strategy, placements, each shard, a provisioning in progress and no migrations', () => {
    const lines = formatShardLines(
      stats({ provisioning: [{ step: 'install', canister: [b], last_error: ['IC0503'] }] }),
      [],
    );
    expect(lines).toEqual([
      'shards (load balancer, round_robin): 3 users placed',
      `  shard 0  ${a.toText()}  active     weight 100  users 2`,
      `  shard 1  ${b.toText()}  unhealthy  weight 50  users 1`,
      `  provisioning a shard: step install ${b.toText()} (last error: IC0503)`,
      'migrations: 0 in progress, 0 users moved',
    ]);
  });

  it('lists each migration in progress with its shards, step, copied records and a pause', () => {
    const lines = formatShardLines(stats({ migrated: 1n, migrating: 2n }), [
      move({ step: 'verify', copied: 1n }),
      move({
        user: bob,
        from: b,
        to: gone,
        copied: 240n,
        attempts: 3,
        paused: true,
        last_error: ['IC0503: canister stopped'],
      }),
    ]);
    expect(lines.slice(3)).toEqual([
      'migrations: 2 in progress, 1 user moved',
      `  user ${alice.toText()}  shard 0 → shard 1  step verify  1 record copied`,
      `  user ${bob.toText()}  shard 1 → ${gone.toText()}  step copy  240 records copied, paused after 3 attempts (last error: IC0503: canister stopped)`,
    ]);
  });
});
