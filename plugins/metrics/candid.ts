import { IDL } from '../../core/index.ts';

const Count = IDL.Nat64;

export const MetricsSnapshotIdl = IDL.Record({
  canister: IDL.Text,
  time: IDL.Nat64,
  started_at: IDL.Nat64,
  canister_version: IDL.Nat64,
  cycles: IDL.Nat,
  heap_bytes: IDL.Opt(IDL.Nat64),
  stable_bytes: IDL.Opt(IDL.Nat64),
  methods: IDL.Vec(
    IDL.Record({
      method: IDL.Text,
      mode: IDL.Text,
      calls: Count,
      errors: IDL.Vec(IDL.Record({ code: IDL.Text, count: Count })),
      instructions: IDL.Record({
        count: Count,
        sum: IDL.Nat,
        max: IDL.Nat64,
        buckets: IDL.Vec(IDL.Record({ le: IDL.Nat64, count: Count })),
      }),
    }),
  ),
  backup: IDL.Opt(
    IDL.Record({
      last_backup_at: IDL.Opt(IDL.Nat64),
      age_seconds: IDL.Opt(IDL.Nat64),
      changes_since_backup: IDL.Nat64,
      due: IDL.Bool,
    }),
  ),
});

const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);

/** The IC HTTP gateway's Candid types (streaming is not used). */
export const HttpRequestIdl = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});

export const HttpUpdateRequestIdl = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
});

export const HttpResponseIdl = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
});
