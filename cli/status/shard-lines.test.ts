import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { formatShardLines } from './shard-lines.ts';

const a = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const b = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');

describe('status shard lines', () => {
  it('shows the strategy, placements, each shard and a provisioning in progress', () => {
    const lines = formatShardLines({
      strategy: 'round_robin',
      placements: 3n,
      shards: [
        { canister: a, key: 0, state: 'active', weight: 100, users: 2n },
        { canister: b, key: 1, state: 'unhealthy', weight: 50, users: 1n },
      ],
      provisioned: [],
      provisioning: [{ step: 'install', canister: [b], last_error: ['IC0503'] }],
      shard_wasm: { module_hash: [], chunks: 0, uploaded: 0 },
    });
    expect(lines).toEqual([
      'shards (load balancer, round_robin): 3 users placed',
      `  shard 0  ${a.toText()}  active     weight 100  users 2`,
      `  shard 1  ${b.toText()}  unhealthy  weight 50  users 1`,
      `  provisioning a shard: step install ${b.toText()} (last error: IC0503)`,
    ]);
  });
});
