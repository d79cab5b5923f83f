import { IDL } from '@dfinity/candid';

import { httpRequestArgs, httpRequestResult } from './https-outcall-idl.ts';

/** Candid types of the management canister methods this localnet serves (from the IC's ic.did). */
const canisterId = IDL.Principal;
const logVisibility = IDL.Variant({
  controllers: IDL.Null,
  public: IDL.Null,
  allowed_viewers: IDL.Vec(IDL.Principal),
});
const environmentVariable = IDL.Record({ name: IDL.Text, value: IDL.Text });
export const canisterSettings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
  compute_allocation: IDL.Opt(IDL.Nat),
  memory_allocation: IDL.Opt(IDL.Nat),
  freezing_threshold: IDL.Opt(IDL.Nat),
  reserved_cycles_limit: IDL.Opt(IDL.Nat),
  log_visibility: IDL.Opt(logVisibility),
  wasm_memory_limit: IDL.Opt(IDL.Nat),
  wasm_memory_threshold: IDL.Opt(IDL.Nat),
  environment_variables: IDL.Opt(IDL.Vec(environmentVariable)),
});
const definiteSettings = IDL.Record({
  controllers: IDL.Vec(IDL.Principal),
  compute_allocation: IDL.Nat,
  memory_allocation: IDL.Nat,
  freezing_threshold: IDL.Nat,
  reserved_cycles_limit: IDL.Nat,
  log_visibility: logVisibility,
  wasm_memory_limit: IDL.Nat,
  wasm_memory_threshold: IDL.Nat,
  environment_variables: IDL.Vec(environmentVariable),
});
export const installMode = IDL.Variant({
  install: IDL.Null,
  reinstall: IDL.Null,
  upgrade: IDL.Opt(
    IDL.Record({
      skip_pre_upgrade: IDL.Opt(IDL.Bool),
      wasm_memory_persistence: IDL.Opt(IDL.Variant({ keep: IDL.Null, replace: IDL.Null })),
    }),
  ),
});
const chunkHash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });
const snapshot = IDL.Record({
  id: IDL.Vec(IDL.Nat8),
  taken_at_timestamp: IDL.Nat64,
  total_size: IDL.Nat64,
});
const idOnly = IDL.Record({ canister_id: canisterId });
const createResult = IDL.Record({ canister_id: canisterId });
const canisterStatusResult = IDL.Record({
  status: IDL.Variant({ running: IDL.Null, stopping: IDL.Null, stopped: IDL.Null }),
  ready_for_migration: IDL.Bool,
  version: IDL.Nat64,
  settings: definiteSettings,
  module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
  memory_size: IDL.Nat,
  memory_metrics: IDL.Record({
    wasm_memory_size: IDL.Nat,
    stable_memory_size: IDL.Nat,
    global_memory_size: IDL.Nat,
    wasm_binary_size: IDL.Nat,
    custom_sections_size: IDL.Nat,
    canister_history_size: IDL.Nat,
    wasm_chunk_store_size: IDL.Nat,
    snapshots_size: IDL.Nat,
  }),
  cycles: IDL.Nat,
  reserved_cycles: IDL.Nat,
  idle_cycles_burned_per_day: IDL.Nat,
  query_stats: IDL.Record({
    num_calls_total: IDL.Nat,
    num_instructions_total: IDL.Nat,
    request_payload_bytes_total: IDL.Nat,
    response_payload_bytes_total: IDL.Nat,
  }),
});
const senderVersion = { sender_canister_version: IDL.Opt(IDL.Nat64) };

export interface MethodSignature {
  args: IDL.Type[];
  rets: IDL.Type[];
}

export const MANAGEMENT_METHODS: Record<string, MethodSignature> = {
  create_canister: {
    args: [IDL.Record({ settings: IDL.Opt(canisterSettings), ...senderVersion })],
    rets: [createResult],
  },
  provisional_create_canister_with_cycles: {
    args: [
      IDL.Record({
        amount: IDL.Opt(IDL.Nat),
        settings: IDL.Opt(canisterSettings),
        specified_id: IDL.Opt(canisterId),
        ...senderVersion,
      }),
    ],
    rets: [createResult],
  },
  provisional_top_up_canister: {
    args: [IDL.Record({ canister_id: canisterId, amount: IDL.Nat })],
    rets: [],
  },
  deposit_cycles: { args: [idOnly], rets: [] },
  install_code: {
    args: [
      IDL.Record({
        mode: installMode,
        canister_id: canisterId,
        wasm_module: IDL.Vec(IDL.Nat8),
        arg: IDL.Vec(IDL.Nat8),
        ...senderVersion,
      }),
    ],
    rets: [],
  },
  install_chunked_code: {
    args: [
      IDL.Record({
        mode: installMode,
        target_canister: canisterId,
        store_canister: IDL.Opt(canisterId),
        chunk_hashes_list: IDL.Vec(chunkHash),
        wasm_module_hash: IDL.Vec(IDL.Nat8),
        arg: IDL.Vec(IDL.Nat8),
        ...senderVersion,
      }),
    ],
    rets: [],
  },
  upload_chunk: {
    args: [IDL.Record({ canister_id: canisterId, chunk: IDL.Vec(IDL.Nat8) })],
    rets: [chunkHash],
  },
  clear_chunk_store: { args: [idOnly], rets: [] },
  stored_chunks: { args: [idOnly], rets: [IDL.Vec(chunkHash)] },
  uninstall_code: { args: [IDL.Record({ canister_id: canisterId, ...senderVersion })], rets: [] },
  start_canister: { args: [idOnly], rets: [] },
  stop_canister: { args: [idOnly], rets: [] },
  delete_canister: { args: [idOnly], rets: [] },
  canister_status: { args: [idOnly], rets: [canisterStatusResult] },
  update_settings: {
    args: [IDL.Record({ canister_id: canisterId, settings: canisterSettings, ...senderVersion })],
    rets: [],
  },
  raw_rand: { args: [], rets: [IDL.Vec(IDL.Nat8)] },
  take_canister_snapshot: {
    args: [IDL.Record({ canister_id: canisterId, replace_snapshot: IDL.Opt(IDL.Vec(IDL.Nat8)) })],
    rets: [snapshot],
  },
  load_canister_snapshot: {
    args: [
      IDL.Record({ canister_id: canisterId, snapshot_id: IDL.Vec(IDL.Nat8), ...senderVersion }),
    ],
    rets: [],
  },
  list_canister_snapshots: { args: [idOnly], rets: [IDL.Vec(snapshot)] },
  delete_canister_snapshot: {
    args: [IDL.Record({ canister_id: canisterId, snapshot_id: IDL.Vec(IDL.Nat8) })],
    rets: [],
  },
  http_request: { args: [httpRequestArgs], rets: [httpRequestResult] },
  fetch_canister_logs: {
    args: [idOnly],
    rets: [
      IDL.Record({
        canister_log_records: IDL.Vec(
          IDL.Record({ idx: IDL.Nat64, timestamp_nanos: IDL.Nat64, content: IDL.Vec(IDL.Nat8) }),
        ),
      }),
    ],
  },
};

/** Methods only canisters may call; as ingress they are refused (SPEC "API request submission"). */
export const CANISTER_ONLY_METHODS = new Set([
  'create_canister',
  'raw_rand',
  'deposit_cycles',
  'http_request',
]);
/** Methods any sender may call. */
export const OPEN_METHODS = new Set([
  'provisional_create_canister_with_cycles',
  'provisional_top_up_canister',
  'raw_rand',
  'create_canister',
  'deposit_cycles',
]);
