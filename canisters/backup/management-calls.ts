import { IDL, type Platform, Principal } from '../../core/index.ts';

const CanisterIdArg = IDL.Record({ canister_id: IDL.Principal });
const Settings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
  compute_allocation: IDL.Opt(IDL.Nat),
  memory_allocation: IDL.Opt(IDL.Nat),
  freezing_threshold: IDL.Opt(IDL.Nat),
  reserved_cycles_limit: IDL.Opt(IDL.Nat),
  log_visibility: IDL.Opt(IDL.Variant({ controllers: IDL.Null, public: IDL.Null })),
  wasm_memory_limit: IDL.Opt(IDL.Nat),
});
const ChunkHash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });
const InstallMode = IDL.Variant({
  install: IDL.Null,
  reinstall: IDL.Null,
  upgrade: IDL.Opt(
    IDL.Record({
      skip_pre_upgrade: IDL.Opt(IDL.Bool),
      wasm_memory_persistence: IDL.Opt(IDL.Variant({ keep: IDL.Null, replace: IDL.Null })),
    }),
  ),
});
const StatusReply = IDL.Record({
  module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
  settings: IDL.Record({ controllers: IDL.Vec(IDL.Principal) }),
});

const hexOf = (bytes: Uint8Array | number[]) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
const none = {
  controllers: [],
  compute_allocation: [],
  memory_allocation: [],
  freezing_threshold: [],
  reserved_cycles_limit: [],
  log_visibility: [],
  wasm_memory_limit: [],
};

/** The management canister methods a recovery uses, as the backup canister (a controller). */
export class ManagementCalls {
  constructor(private readonly platform: Platform) {}

  private call<T>(
    method: string,
    params: IDL.Type[],
    args: unknown[],
    returns?: IDL.Type,
    cycles?: bigint,
  ) {
    return this.platform.call<T>(Principal.managementCanister(), method, {
      paramIdlTypes: params,
      ...(returns === undefined ? {} : { returnIdlType: returns }),
      args,
      ...(cycles === undefined ? {} : { cycles }),
    });
  }

  async createCanister(controllers: Principal[], cycles: bigint): Promise<Principal> {
    const reply = await this.call<{ canister_id: Principal }>(
      'create_canister',
      [IDL.Record({ settings: IDL.Opt(Settings), sender_canister_version: IDL.Opt(IDL.Nat64) })],
      [{ settings: [{ ...none, controllers: [controllers] }], sender_canister_version: [] }],
      IDL.Record({ canister_id: IDL.Principal }),
      cycles,
    );
    return reply.canister_id;
  }

  /** Module hash (hex, undefined when empty) and controllers. */
  async status(canister: string): Promise<{ moduleHash?: string; controllers: Principal[] }> {
    const reply = await this.call<{
      module_hash: [] | [Uint8Array];
      settings: { controllers: Principal[] };
    }>(
      'canister_status',
      [CanisterIdArg],
      [{ canister_id: Principal.fromText(canister) }],
      StatusReply,
    );
    const hash = reply.module_hash[0];
    return {
      ...(hash === undefined ? {} : { moduleHash: hexOf(hash) }),
      controllers: reply.settings.controllers,
    };
  }

  /** Uploads the chunks into the target's own chunk store and installs (or reinstalls) from them. */
  async installChunked(
    canister: string,
    chunks: Uint8Array[],
    moduleHash: string,
    mode: 'install' | 'reinstall',
  ): Promise<void> {
    const target = Principal.fromText(canister);
    await this.call('clear_chunk_store', [CanisterIdArg], [{ canister_id: target }]);
    const hashes: { hash: Uint8Array | number[] }[] = [];
    for (const chunk of chunks) {
      hashes.push(
        await this.call<{ hash: Uint8Array }>(
          'upload_chunk',
          [IDL.Record({ canister_id: IDL.Principal, chunk: IDL.Vec(IDL.Nat8) })],
          [{ canister_id: target, chunk }],
          ChunkHash,
        ),
      );
    }
    await this.call(
      'install_chunked_code',
      [
        IDL.Record({
          mode: InstallMode,
          target_canister: IDL.Principal,
          store_canister: IDL.Opt(IDL.Principal),
          chunk_hashes_list: IDL.Vec(ChunkHash),
          wasm_module_hash: IDL.Vec(IDL.Nat8),
          arg: IDL.Vec(IDL.Nat8),
          sender_canister_version: IDL.Opt(IDL.Nat64),
        }),
      ],
      [
        {
          mode: { [mode]: null },
          target_canister: target,
          store_canister: [],
          chunk_hashes_list: hashes.map((h) => ({ hash: Uint8Array.from(h.hash) })),
          wasm_module_hash: bytesOf(moduleHash),
          arg: new Uint8Array(IDL.encode([], [])),
          sender_canister_version: [],
        },
      ],
    );
    await this.call('clear_chunk_store', [CanisterIdArg], [{ canister_id: target }]);
  }
}
