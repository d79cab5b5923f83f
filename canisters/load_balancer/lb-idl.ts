import { IDL, Result } from '../../core/index.ts';

/** Candid types of the load balancer's endpoints. */
export const RouteView = IDL.Record({
  canister: IDL.Principal,
  /** false: the user is not pinned yet and this is the shard a new user would get now. */
  placed: IDL.Bool,
});
export const PollView = IDL.Record({ at: IDL.Nat64, ok: IDL.Bool, detail: IDL.Text });
export const ShardView = IDL.Record({
  canister: IDL.Principal,
  key: IDL.Nat32,
  state: IDL.Text,
  weight: IDL.Nat32,
  users: IDL.Nat64,
  users_in_window: IDL.Nat64,
  added_at: IDL.Nat64,
  last_health: IDL.Opt(PollView),
  failures_in_row: IDL.Nat32,
  cost_instructions: IDL.Nat64,
});
export const ProvisioningView = IDL.Record({
  step: IDL.Text,
  canister: IDL.Opt(IDL.Principal),
  key: IDL.Text,
  started_at: IDL.Nat64,
  reason: IDL.Text,
  attempts: IDL.Nat32,
  last_error: IDL.Opt(IDL.Text),
});
export const StatsView = IDL.Record({
  strategy: IDL.Text,
  shards: IDL.Vec(ShardView),
  placements: IDL.Nat64,
  decisions: IDL.Vec(IDL.Record({ strategy: IDL.Text, count: IDL.Nat64 })),
  failovers: IDL.Nat64,
  /** users moved to another shard, and migrations in progress */
  migrated: IDL.Nat64,
  migrating: IDL.Nat64,
  provisioned: IDL.Vec(IDL.Principal),
  provisioning: IDL.Opt(ProvisioningView),
  capacity_users_per_shard: IDL.Opt(IDL.Nat64),
  shard_wasm: IDL.Record({
    module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
    chunks: IDL.Nat32,
    uploaded: IDL.Nat32,
  }),
});
export const WasmManifestInput = IDL.Record({
  module_hash: IDL.Vec(IDL.Nat8),
  chunk_hashes: IDL.Vec(IDL.Vec(IDL.Nat8)),
});
export const LinksInput = IDL.Record({
  registry: IDL.Principal,
  user_registry: IDL.Principal,
  group: IDL.Text,
});

export const MigrationView = IDL.Record({
  user: IDL.Principal,
  from: IDL.Principal,
  to: IDL.Principal,
  step: IDL.Text,
  started_at: IDL.Nat64,
  copied: IDL.Nat64,
  attempts: IDL.Nat32,
  paused: IDL.Bool,
  last_error: IDL.Opt(IDL.Text),
});

export const RouteResult = Result(RouteView);
export const MigrationResult = Result(IDL.Opt(MigrationView));
export const ShardResult = Result(ShardView);
export const TextResult = Result(IDL.Text);
export const CountResult = Result(IDL.Nat32);
export const LinksResult = Result(LinksInput);
export const ProvisioningResult = Result(IDL.Opt(ProvisioningView));
