import { Actor, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

/** The management canister methods a deployment uses, typed as in the IC's ic.did. */
export interface ManagementService {
  provisional_create_canister_with_cycles(args: {
    amount: [] | [bigint];
    settings: [] | [{ controllers: [] | [Principal[]] }];
    specified_id: [] | [Principal];
    sender_canister_version: [] | [bigint];
  }): Promise<{ canister_id: Principal }>;
  install_code(args: {
    mode: InstallMode;
    canister_id: Principal;
    wasm_module: Uint8Array;
    arg: Uint8Array;
    sender_canister_version: [] | [bigint];
  }): Promise<void>;
  upload_chunk(args: { canister_id: Principal; chunk: Uint8Array }): Promise<{ hash: Uint8Array }>;
  install_chunked_code(args: {
    mode: InstallMode;
    target_canister: Principal;
    store_canister: [] | [Principal];
    chunk_hashes_list: { hash: Uint8Array }[];
    wasm_module_hash: Uint8Array;
    arg: Uint8Array;
    sender_canister_version: [] | [bigint];
  }): Promise<void>;
  clear_chunk_store(args: { canister_id: Principal }): Promise<void>;
  stop_canister(args: { canister_id: Principal }): Promise<void>;
  start_canister(args: { canister_id: Principal }): Promise<void>;
  take_canister_snapshot(args: {
    canister_id: Principal;
    replace_snapshot: [] | [Uint8Array];
  }): Promise<Snapshot>;
  load_canister_snapshot(args: {
    canister_id: Principal;
    snapshot_id: Uint8Array;
    sender_canister_version: [] | [bigint];
  }): Promise<void>;
  list_canister_snapshots(args: { canister_id: Principal }): Promise<Snapshot[]>;
  /** Controllers only. The fields `icp-calendar status` shows (the reply has more; Candid skips them). */
  canister_status(args: { canister_id: Principal }): Promise<{
    status: { running: null } | { stopping: null } | { stopped: null };
    cycles: bigint;
    memory_size: bigint;
    module_hash: [] | [Uint8Array];
    idle_cycles_burned_per_day: bigint;
  }>;
}

export interface Snapshot {
  id: Uint8Array;
  taken_at_timestamp: bigint;
  total_size: bigint;
}

export type InstallMode = { install: null } | { reinstall: null } | { upgrade: [] };

const managementIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const mode = I.Variant({
    install: I.Null,
    reinstall: I.Null,
    upgrade: I.Opt(
      I.Record({
        skip_pre_upgrade: I.Opt(I.Bool),
        wasm_memory_persistence: I.Opt(I.Variant({ keep: I.Null, replace: I.Null })),
      }),
    ),
  });
  const chunkHash = I.Record({ hash: I.Vec(I.Nat8) });
  const target = I.Record({ canister_id: I.Principal });
  const snapshot = I.Record({
    id: I.Vec(I.Nat8),
    taken_at_timestamp: I.Nat64,
    total_size: I.Nat64,
  });
  const version = I.Opt(I.Nat64);
  return I.Service({
    provisional_create_canister_with_cycles: I.Func(
      [
        I.Record({
          amount: I.Opt(I.Nat),
          settings: I.Opt(I.Record({ controllers: I.Opt(I.Vec(I.Principal)) })),
          specified_id: I.Opt(I.Principal),
          sender_canister_version: version,
        }),
      ],
      [I.Record({ canister_id: I.Principal })],
      [],
    ),
    install_code: I.Func(
      [
        I.Record({
          mode,
          canister_id: I.Principal,
          wasm_module: I.Vec(I.Nat8),
          arg: I.Vec(I.Nat8),
          sender_canister_version: version,
        }),
      ],
      [],
      [],
    ),
    upload_chunk: I.Func(
      [I.Record({ canister_id: I.Principal, chunk: I.Vec(I.Nat8) })],
      [chunkHash],
      [],
    ),
    install_chunked_code: I.Func(
      [
        I.Record({
          mode,
          target_canister: I.Principal,
          store_canister: I.Opt(I.Principal),
          chunk_hashes_list: I.Vec(chunkHash),
          wasm_module_hash: I.Vec(I.Nat8),
          arg: I.Vec(I.Nat8),
          sender_canister_version: version,
        }),
      ],
      [],
      [],
    ),
    clear_chunk_store: I.Func([target], [], []),
    stop_canister: I.Func([target], [], []),
    start_canister: I.Func([target], [], []),
    take_canister_snapshot: I.Func(
      [I.Record({ canister_id: I.Principal, replace_snapshot: I.Opt(I.Vec(I.Nat8)) })],
      [snapshot],
      [],
    ),
    load_canister_snapshot: I.Func(
      [
        I.Record({
          canister_id: I.Principal,
          snapshot_id: I.Vec(I.Nat8),
          sender_canister_version: version,
        }),
      ],
      [],
      [],
    ),
    list_canister_snapshots: I.Func([target], [I.Vec(snapshot)], []),
    canister_status: I.Func(
      [I.Record({ canister_id: I.Principal })],
      [
        I.Record({
          status: I.Variant({ running: I.Null, stopping: I.Null, stopped: I.Null }),
          cycles: I.Nat,
          memory_size: I.Nat,
          module_hash: I.Opt(I.Vec(I.Nat8)),
          idle_cycles_burned_per_day: I.Nat,
        }),
      ],
      [],
    ),
  });
};

/**
 * An actor for `aaaaa-aa`. Calls to it are routed by the effective canister id: the target
 * canister for its own methods, any id on the subnet for provisional creation.
 */
export function managementActor(
  agent: HttpAgent,
  effectiveCanisterId: Principal,
): ActorSubclass<ManagementService> {
  return Actor.createActor<ManagementService>(managementIdl, {
    agent,
    canisterId: Principal.managementCanister(),
    effectiveCanisterId,
  });
}
