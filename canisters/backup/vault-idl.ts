import { IDL, Result } from '../../core/index.ts';

/** Candid types of the backup canister's endpoints. */
export const BackupKindIdl = IDL.Variant({ export: IDL.Null, snapshot: IDL.Null, both: IDL.Null });

export const PolicyView = IDL.Record({
  keep_last: IDL.Nat32,
  daily_days: IDL.Nat32,
  every_seconds: IDL.Nat32,
  max_age_seconds: IDL.Nat64,
  keep_snapshots: IDL.Nat32,
  due_after_writes: IDL.Nat64,
});

export const ProtectInput = IDL.Record({
  canister: IDL.Principal,
  kind: IDL.Text,
  group: IDL.Opt(IDL.Text),
  shard: IDL.Opt(IDL.Text),
});

export const ProtectedView = IDL.Record({
  canister: IDL.Principal,
  kind: IDL.Text,
  group: IDL.Opt(IDL.Text),
  shard: IDL.Opt(IDL.Text),
  added_at: IDL.Nat64,
  policy: PolicyView,
});

export const VersionView = IDL.Record({
  id: IDL.Nat64,
  canister: IDL.Principal,
  kind: IDL.Text,
  trigger: IDL.Text,
  status: IDL.Text,
  started_at: IDL.Nat64,
  finished_at: IDL.Opt(IDL.Nat64),
  chunks: IDL.Nat32,
  chunks_stored: IDL.Nat32,
  bytes: IDL.Nat64,
  records: IDL.Nat64,
  digest: IDL.Opt(IDL.Text),
  snapshot_id: IDL.Opt(IDL.Text),
  error: IDL.Opt(IDL.Text),
});

export const TakenView = IDL.Record({ version: IDL.Opt(IDL.Nat64), snapshot: IDL.Opt(IDL.Nat64) });

export const CanisterStatsView = IDL.Record({
  canister: IDL.Principal,
  kind: IDL.Text,
  last_success_at: IDL.Opt(IDL.Nat64),
  last_failure_at: IDL.Opt(IDL.Nat64),
  last_failure: IDL.Opt(IDL.Text),
  versions_kept: IDL.Nat32,
  snapshots_kept: IDL.Nat32,
  bytes: IDL.Nat64,
  last_duration_ns: IDL.Opt(IDL.Nat64),
  successes: IDL.Nat32,
  failures: IDL.Nat32,
  success_rate: IDL.Float64,
  healthy: IDL.Bool,
});

export const StoredChunkView = IDL.Record({ data: IDL.Vec(IDL.Nat8), sha256: IDL.Text });

export const ProtectedResult = Result(ProtectedView);
export const TakenResult = Result(TakenView);
export const VersionsResult = Result(IDL.Vec(VersionView));
export const StatsResult = Result(IDL.Vec(CanisterStatsView));

export const RecoveryModeIdl = IDL.Variant({ new: IDL.Null, same: IDL.Null });
export const PlanStepView = IDL.Record({
  name: IDL.Text,
  description: IDL.Text,
  preconditions: IDL.Vec(IDL.Text),
  estimated_instructions: IDL.Nat64,
  estimated_cycles: IDL.Nat64,
  status: IDL.Text,
  attempts: IDL.Nat32,
  detail: IDL.Opt(IDL.Text),
});
export const RecoveryPlanView = IDL.Record({
  id: IDL.Nat64,
  canister: IDL.Principal,
  kind: IDL.Text,
  mode: IDL.Text,
  version: IDL.Nat64,
  module_hash: IDL.Text,
  target: IDL.Opt(IDL.Principal),
  status: IDL.Text,
  cursor: IDL.Nat32,
  chunks_sent: IDL.Nat32,
  error: IDL.Opt(IDL.Text),
  created_at: IDL.Nat64,
  updated_at: IDL.Nat64,
  steps: IDL.Vec(PlanStepView),
  estimated_instructions: IDL.Nat64,
  estimated_cycles: IDL.Nat64,
});
export const WasmView = IDL.Record({
  kind: IDL.Text,
  module_hash: IDL.Text,
  chunks: IDL.Nat32,
  bytes: IDL.Nat32,
  complete: IDL.Bool,
});
export const PlanResult = Result(RecoveryPlanView);
export const WasmResult = Result(WasmView);
