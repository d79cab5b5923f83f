import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import type { BackupManifest } from '../../plugins/backup/manifest-seal.ts';

/** The backup canister's methods the CLI uses (a subset of canisters/backup's interface). */
type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

export interface VersionView {
  id: bigint;
  kind: string;
  trigger: string;
  status: string;
  started_at: bigint;
  finished_at: [] | [bigint];
  chunks: number;
  bytes: bigint;
  records: bigint;
  digest: [] | [string];
  error: [] | [string];
}

export interface BackupCanisterCli {
  list_protected(): Promise<{ canister: Principal; kind: string }[]>;
  list_versions(canister: Principal): Promise<Reply<VersionView[]>>;
  get_manifest(version: bigint): Promise<Reply<BackupManifest>>;
  read_chunk(
    version: bigint,
    index: number,
  ): Promise<Reply<{ data: Uint8Array | number[]; sha256: string }>>;
}

export const backupCanisterCliIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const reply = (ok: IDL.Type) =>
    I.Variant({ Ok: ok, Err: I.Record({ code: I.Text, message: I.Text }) });
  const store = I.Record({ name: I.Text, version: I.Nat32, count: I.Nat64, bytes: I.Nat64 });
  const chunk = I.Record({
    store: I.Text,
    start: I.Nat64,
    count: I.Nat32,
    bytes: I.Nat32,
    sha256: I.Text,
  });
  const manifest = I.Record({
    canister: I.Text,
    created_at: I.Nat64,
    changes: I.Nat64,
    stores: I.Vec(store),
    format: I.Nat32,
    chunks: I.Vec(chunk),
    digest: I.Text,
  });
  const version = I.Record({
    id: I.Nat64,
    kind: I.Text,
    trigger: I.Text,
    status: I.Text,
    started_at: I.Nat64,
    finished_at: I.Opt(I.Nat64),
    chunks: I.Nat32,
    bytes: I.Nat64,
    records: I.Nat64,
    digest: I.Opt(I.Text),
    error: I.Opt(I.Text),
  });
  return I.Service({
    list_protected: I.Func(
      [],
      [I.Vec(I.Record({ canister: I.Principal, kind: I.Text }))],
      ['query'],
    ),
    list_versions: I.Func([I.Principal], [reply(I.Vec(version))], ['query']),
    get_manifest: I.Func([I.Nat64], [reply(manifest)], ['query']),
    read_chunk: I.Func(
      [I.Nat64, I.Nat32],
      [reply(I.Record({ data: I.Vec(I.Nat8), sha256: I.Text }))],
      ['query'],
    ),
  });
};
