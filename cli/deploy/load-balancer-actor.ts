import { Actor, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import type { Reply } from './registry-actor.ts';

export interface ShardLine {
  canister: Principal;
  key: number;
  state: string;
  weight: number;
  users: bigint;
}

export interface LoadBalancerStats {
  strategy: string;
  shards: ShardLine[];
  placements: bigint;
  /** users moved to another shard (past their migration's switch), and migrations in progress */
  migrated: bigint;
  migrating: bigint;
  provisioned: Principal[];
  provisioning: [] | [{ step: string; canister: [] | [Principal]; last_error: [] | [string] }];
  shard_wasm: { module_hash: [] | [Uint8Array]; chunks: number; uploaded: number };
}

/** A user's move between shards (`get_migrations`, canisters/load_balancer/user-migrations.ts). */
export interface MigrationLine {
  user: Principal;
  from: Principal;
  to: Principal;
  step: string;
  copied: bigint;
  attempts: number;
  paused: boolean;
  last_error: [] | [string];
}

/** The load balancer's methods deploy and status call (see canisters/load_balancer/README.md). */
export interface LoadBalancerAdmin {
  get_load_balancer_stats(): Promise<LoadBalancerStats>;
  get_migrations(): Promise<MigrationLine[]>;
  add_shard(canister: Principal, weight: number): Promise<Reply<unknown>>;
  begin_shard_wasm(manifest: {
    module_hash: Uint8Array;
    chunk_hashes: Uint8Array[];
  }): Promise<Reply<number>>;
  upload_shard_wasm_chunk(index: number, chunk: Uint8Array): Promise<Reply<number>>;
  configure_provisioning(links: {
    registry: Principal;
    user_registry: Principal;
    group: string;
  }): Promise<Reply<unknown>>;
  get_provisioning_links(): Promise<
    [] | [{ registry: Principal; user_registry: Principal; group: string }]
  >;
}

const loadBalancerIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Err = I.Record({ code: I.Text, message: I.Text });
  const Result = (ok: IDL.Type) => I.Variant({ Ok: ok, Err });
  const Links = I.Record({ registry: I.Principal, user_registry: I.Principal, group: I.Text });
  const Shard = I.Record({
    canister: I.Principal,
    key: I.Nat32,
    state: I.Text,
    weight: I.Nat32,
    users: I.Nat64,
  });
  const Stats = I.Record({
    strategy: I.Text,
    shards: I.Vec(Shard),
    placements: I.Nat64,
    migrated: I.Nat64,
    migrating: I.Nat64,
    provisioned: I.Vec(I.Principal),
    provisioning: I.Opt(
      I.Record({ step: I.Text, canister: I.Opt(I.Principal), last_error: I.Opt(I.Text) }),
    ),
    shard_wasm: I.Record({ module_hash: I.Opt(I.Vec(I.Nat8)), chunks: I.Nat32, uploaded: I.Nat32 }),
  });
  const Migration = I.Record({
    user: I.Principal,
    from: I.Principal,
    to: I.Principal,
    step: I.Text,
    copied: I.Nat64,
    attempts: I.Nat32,
    paused: I.Bool,
    last_error: I.Opt(I.Text),
  });
  return I.Service({
    get_load_balancer_stats: I.Func([], [Stats], ['query']),
    get_migrations: I.Func([], [I.Vec(Migration)], ['query']),
    add_shard: I.Func([I.Principal, I.Nat32], [Result(Shard)], []),
    begin_shard_wasm: I.Func(
      [I.Record({ module_hash: I.Vec(I.Nat8), chunk_hashes: I.Vec(I.Vec(I.Nat8)) })],
      [Result(I.Nat32)],
      [],
    ),
    upload_shard_wasm_chunk: I.Func([I.Nat32, I.Vec(I.Nat8)], [Result(I.Nat32)], []),
    configure_provisioning: I.Func([Links], [Result(Links)], []),
    get_provisioning_links: I.Func([], [I.Opt(Links)], ['query']),
  });
};

export function loadBalancerActor(
  agent: HttpAgent,
  canisterId: Principal | string,
): ActorSubclass<LoadBalancerAdmin> {
  return Actor.createActor<LoadBalancerAdmin>(loadBalancerIdl, { agent, canisterId });
}
