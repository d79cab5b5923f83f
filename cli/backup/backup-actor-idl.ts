import type { IDL } from '@dfinity/candid';

/** The backup plugin's import methods on any protected canister, for `backup restore`. */
export const backupActorIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const reply = (ok: IDL.Type) =>
    I.Variant({ Ok: ok, Err: I.Record({ code: I.Text, message: I.Text }) });
  const store = I.Record({ name: I.Text, version: I.Nat32, count: I.Nat64, bytes: I.Nat64 });
  const ref = { store: I.Text, start: I.Nat64, count: I.Nat32, bytes: I.Nat32 };
  const header = { canister: I.Text, created_at: I.Nat64, changes: I.Nat64, stores: I.Vec(store) };
  const manifest = I.Record({
    ...header,
    format: I.Nat32,
    chunks: I.Vec(I.Record({ ...ref, sha256: I.Text })),
    digest: I.Text,
  });
  return I.Service({
    backup_plan: I.Func(
      [],
      [reply(I.Record({ ...header, chunks: I.Vec(I.Record(ref)) }))],
      ['query'],
    ),
    backup_export_chunk: I.Func(
      [I.Record({ store: I.Text, start: I.Nat64, count: I.Nat32 })],
      [reply(I.Record({ data: I.Vec(I.Nat8), sha256: I.Text }))],
      ['query'],
    ),
    backup_confirm: I.Func([manifest], [reply(I.Null)], []),
    backup_import_begin: I.Func([manifest], [reply(I.Null)], []),
    backup_import_chunk: I.Func(
      [I.Nat32, I.Vec(I.Nat8)],
      [reply(I.Record({ received: I.Nat32, total: I.Nat32 }))],
      [],
    ),
    backup_import_commit: I.Func(
      [],
      [reply(I.Record({ stores: I.Nat32, entries: I.Nat32, done: I.Bool }))],
      [],
    ),
  });
};
