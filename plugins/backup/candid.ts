import { IDL } from '../../core/index.ts';

export const StoreSummaryIdl = IDL.Record({
  name: IDL.Text,
  version: IDL.Nat32,
  count: IDL.Nat64,
  bytes: IDL.Nat64,
});

const chunkRefFields = { store: IDL.Text, start: IDL.Nat64, count: IDL.Nat32, bytes: IDL.Nat32 };

export const ChunkRefIdl = IDL.Record(chunkRefFields);
export const ChunkInfoIdl = IDL.Record({ ...chunkRefFields, sha256: IDL.Text });
export const ChunkRequestIdl = IDL.Record({ store: IDL.Text, start: IDL.Nat64, count: IDL.Nat32 });

const headerFields = {
  canister: IDL.Text,
  created_at: IDL.Nat64,
  changes: IDL.Nat64,
  stores: IDL.Vec(StoreSummaryIdl),
};

export const BackupPlanIdl = IDL.Record({ ...headerFields, chunks: IDL.Vec(ChunkRefIdl) });
export const PlanCursorIdl = IDL.Record({ store: IDL.Text, position: IDL.Nat64 });
/** One page of a plan: its chunks, each store's count and bytes within the page, the next page. */
export const BackupPlanPageIdl = IDL.Record({
  ...headerFields,
  chunks: IDL.Vec(ChunkRefIdl),
  next: IDL.Opt(PlanCursorIdl),
});
export const BackupManifestIdl = IDL.Record({
  ...headerFields,
  format: IDL.Nat32,
  chunks: IDL.Vec(ChunkInfoIdl),
  digest: IDL.Text,
});
export const ExportedChunkIdl = IDL.Record({ data: IDL.Vec(IDL.Nat8), sha256: IDL.Text });
export const ImportProgressIdl = IDL.Record({ received: IDL.Nat32, total: IDL.Nat32 });
export const ImportResultIdl = IDL.Record({
  stores: IDL.Nat32,
  entries: IDL.Nat32,
  done: IDL.Bool,
});
export const BackupPolicyIdl = IDL.Record({
  keep_last: IDL.Nat32,
  daily_days: IDL.Nat32,
  every_seconds: IDL.Nat32,
  max_age_seconds: IDL.Nat64,
  keep_snapshots: IDL.Nat32,
  due_after_writes: IDL.Nat64,
});
export const BackupStatusIdl = IDL.Record({
  changes_since_backup: IDL.Nat64,
  last_backup_at: IDL.Opt(IDL.Nat64),
  last_digest: IDL.Opt(IDL.Text),
  last_restore_at: IDL.Opt(IDL.Nat64),
  due: IDL.Bool,
  reason: IDL.Text,
  stores: IDL.Vec(IDL.Text),
  policy: BackupPolicyIdl,
  notify: IDL.Opt(IDL.Principal),
});
