import { readFile } from 'node:fs/promises';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { Engine, type InstructionLimits } from '../engine/engine.ts';
import {
  cyclesLedgerOf,
  mainnetLikeEngineOptions,
  type CyclesLedger,
} from '../engine/cycles-ledger/mainnet-like.ts';
import { applySettings } from '../engine/management/canister-settings.ts';
import { MANAGEMENT_METHODS } from '../engine/management/management-idl.ts';
import { checkpointEngine, restoreEngine } from '../engine/persistence/checkpoint.ts';
import type { QueryCacheOptions } from '../engine/query-cache.ts';
import { createLocalActor, unwrap, type Actor } from './local-actor.ts';

const DEFAULT_CYCLES = 1_000_000_000_000_000_000n;

export interface LocalNetworkOptions {
  /** Folder holding a checkpoint to start from, and where tearDown/checkpoint write. */
  stateDir?: string;
  /** Folder for rewritten modules, so a second run starts warm. */
  cacheDir?: string;
  instructionLimits?: Partial<InstructionLimits>;
  /**
   * Mainnet-like: provisional_* management calls are refused as on the IC and the cycles ledger
   * is served at its mainnet id (`cyclesLedger.mint` gives an identity cycles). The test API's
   * own `createCanister` still sets canisters up directly, as PocketIC's does.
   */
  mainnetLike?: boolean;
  /** The replica-side query cache (on by default, as on the IC); false turns it off. */
  queryCache?: QueryCacheOptions | false;
}

export interface CreateCanisterOptions {
  sender?: Principal;
  controllers?: Principal[];
  cycles?: bigint;
  targetCanisterId?: Principal;
  freezingThreshold?: bigint;
}

export interface InstallCodeOptions {
  canisterId: Principal;
  /** Module bytes, or a path to a .wasm / .wasm.gz file. */
  wasm: Uint8Array | string;
  arg?: Uint8Array;
  sender?: Principal;
}

export interface UpgradeCanisterOptions extends InstallCodeOptions {
  upgradeModeOptions?: { skip_pre_upgrade?: boolean };
}

export interface SetupCanisterOptions extends CreateCanisterOptions {
  idlFactory: IDL.InterfaceFactory;
  wasm: Uint8Array | string;
  arg?: Uint8Array;
}

export interface CanisterOptions {
  canisterId: Principal;
  sender?: Principal;
}

export interface RawCallOptions extends CanisterOptions {
  method: string;
  arg?: Uint8Array;
}

export interface SnapshotInfo {
  id: Uint8Array;
  taken_at_timestamp: bigint;
  total_size: bigint;
}

export interface LogEntry {
  idx: bigint;
  timestampNanos: bigint;
  content: string;
}

/**
 * A local IC network for tests, with pic-js's method names. Canisters run in this process;
 * every call is executed to completion before its promise resolves.
 */
export class LocalNetwork {
  private constructor(
    readonly engine: Engine,
    private readonly stateDir: string | undefined,
  ) {}

  /** A fresh network, or the one checkpointed in `stateDir` when it holds a checkpoint. */
  static async create(options: LocalNetworkOptions = {}): Promise<LocalNetwork> {
    const engine = new Engine({
      cacheDir: options.cacheDir,
      instructionLimits: options.instructionLimits,
      queryCache: options.queryCache,
      ...(options.mainnetLike ? mainnetLikeEngineOptions() : {}),
    });
    if (options.stateDir) await restoreEngine(engine, options.stateDir, options.cacheDir);
    return new LocalNetwork(engine, options.stateDir);
  }

  async setupCanister<T>(
    options: SetupCanisterOptions,
  ): Promise<{ canisterId: Principal; actor: Actor<T> }> {
    const canisterId = await this.createCanister(options);
    await this.installCode({
      canisterId,
      wasm: options.wasm,
      arg: options.arg,
      sender: options.sender,
    });
    return { canisterId, actor: this.createActor<T>(options.idlFactory, canisterId) };
  }

  createActor<T>(idlFactory: IDL.InterfaceFactory, canisterId: Principal): Actor<T> {
    return createLocalActor<T>(this.engine, idlFactory, canisterId);
  }

  async createCanister(options: CreateCanisterOptions = {}): Promise<Principal> {
    const sender = options.sender ?? Principal.anonymous();
    const settings = canisterSettings(options.controllers ?? [sender], options.freezingThreshold);
    if (!this.engine.provisional) {
      const canister = this.engine.createCanisterRecord(
        options.controllers ?? [sender],
        options.cycles ?? DEFAULT_CYCLES,
        options.targetCanisterId,
      );
      applySettings(canister, settings);
      return canister.id;
    }
    const result = (await this.manage('provisional_create_canister_with_cycles', sender, {
      amount: [options.cycles ?? DEFAULT_CYCLES],
      settings: [settings],
      specified_id: options.targetCanisterId ? [options.targetCanisterId] : [],
      sender_canister_version: [],
    })) as { canister_id: Principal };
    return result.canister_id;
  }

  /** The cycles ledger of a mainnet-like network (`mainnetLike: true`), else undefined. */
  get cyclesLedger(): CyclesLedger | undefined {
    return cyclesLedgerOf(this.engine);
  }

  installCode(options: InstallCodeOptions): Promise<void> {
    return this.install(options, { install: null });
  }

  reinstallCode(options: InstallCodeOptions): Promise<void> {
    return this.install(options, { reinstall: null });
  }

  upgradeCanister(options: UpgradeCanisterOptions): Promise<void> {
    const skip = options.upgradeModeOptions?.skip_pre_upgrade;
    return this.install(options, {
      upgrade: [
        { skip_pre_upgrade: skip === undefined ? [] : [skip], wasm_memory_persistence: [] },
      ],
    });
  }

  async startCanister(options: CanisterOptions): Promise<void> {
    await this.manage('start_canister', options.sender, { canister_id: options.canisterId });
  }

  async stopCanister(options: CanisterOptions): Promise<void> {
    await this.manage('stop_canister', options.sender, { canister_id: options.canisterId });
  }

  async deleteCanister(options: CanisterOptions): Promise<void> {
    await this.manage('delete_canister', options.sender, { canister_id: options.canisterId });
  }

  /** The management canister's canister_status record. */
  async canisterStatus(options: CanisterOptions): Promise<Record<string, unknown>> {
    return (await this.manage('canister_status', options.sender, {
      canister_id: options.canisterId,
    })) as Record<string, unknown>;
  }

  async updateCanisterSettings(
    options: CanisterOptions & { controllers?: Principal[]; freezingThreshold?: bigint },
  ): Promise<void> {
    await this.manage('update_settings', options.sender, {
      canister_id: options.canisterId,
      settings: canisterSettings(options.controllers, options.freezingThreshold),
      sender_canister_version: [],
    });
  }

  async getControllers(canisterId: Principal): Promise<Principal[]> {
    return [...(this.engine.getCanister(canisterId)?.controllers ?? [])];
  }

  /** Milliseconds since 1970, as pic-js. */
  async getTime(): Promise<number> {
    return Number(this.engine.time() / 1_000_000n);
  }

  async setTime(time: Date | number): Promise<void> {
    const ms = typeof time === 'number' ? time : time.getTime();
    this.engine.clock.set(BigInt(Math.round(ms)) * 1_000_000n);
  }

  /** Back to the wall clock (never earlier than a time already handed out). */
  async resetTime(): Promise<void> {
    this.engine.clock.followWallClock();
  }

  async advanceTime(durationMs: number): Promise<void> {
    this.engine.clock.advance(BigInt(Math.round(durationMs * 1_000_000)));
  }

  /** Runs `times` rounds: heartbeats, due timers and every queued message. */
  async tick(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.engine.tick();
  }

  async getCyclesBalance(canisterId: Principal): Promise<bigint> {
    return this.requireCanister(canisterId).cycles;
  }

  /** Same as getCyclesBalance (issue name). */
  getCycles(canisterId: Principal): Promise<bigint> {
    return this.getCyclesBalance(canisterId);
  }

  async addCycles(canisterId: Principal, amount: bigint): Promise<bigint> {
    await this.manage('provisional_top_up_canister', undefined, {
      canister_id: canisterId,
      amount,
    });
    return this.getCyclesBalance(canisterId);
  }

  async getStableMemory(canisterId: Principal): Promise<Uint8Array> {
    return this.requireCanister(canisterId).stableMemory.copy();
  }

  async takeSnapshot(
    options: CanisterOptions & { replaceSnapshot?: Uint8Array },
  ): Promise<SnapshotInfo> {
    return (await this.manage('take_canister_snapshot', options.sender, {
      canister_id: options.canisterId,
      replace_snapshot: options.replaceSnapshot ? [options.replaceSnapshot] : [],
    })) as SnapshotInfo;
  }

  async loadSnapshot(options: CanisterOptions & { snapshotId: Uint8Array }): Promise<void> {
    await this.manage('load_canister_snapshot', options.sender, {
      canister_id: options.canisterId,
      snapshot_id: options.snapshotId,
      sender_canister_version: [],
    });
  }

  async listSnapshots(options: CanisterOptions): Promise<SnapshotInfo[]> {
    return (await this.manage('list_canister_snapshots', options.sender, {
      canister_id: options.canisterId,
    })) as SnapshotInfo[];
  }

  async deleteSnapshot(options: CanisterOptions & { snapshotId: Uint8Array }): Promise<void> {
    await this.manage('delete_canister_snapshot', options.sender, {
      canister_id: options.canisterId,
      snapshot_id: options.snapshotId,
    });
  }

  /** The canister's debug_print and trap output (fetch_canister_logs), as text. */
  async fetchLogs(options: CanisterOptions): Promise<LogEntry[]> {
    const arg = new Uint8Array(
      IDL.encode(MANAGEMENT_METHODS.fetch_canister_logs!.args, [
        { canister_id: options.canisterId },
      ]),
    );
    const sender =
      options.sender ??
      this.requireCanister(options.canisterId).controllers[0] ??
      Principal.anonymous();
    const outcome = await this.engine.query({
      sender,
      canisterId: Principal.managementCanister(),
      method: 'fetch_canister_logs',
      arg,
    });
    const [result] = IDL.decode(
      MANAGEMENT_METHODS.fetch_canister_logs!.rets,
      new Uint8Array(unwrap(outcome, 'fetch_canister_logs')),
    ) as unknown as [
      { canister_log_records: { idx: bigint; timestamp_nanos: bigint; content: Uint8Array }[] },
    ];
    return result.canister_log_records.map((r) => ({
      idx: r.idx,
      timestampNanos: r.timestamp_nanos,
      content: new TextDecoder().decode(r.content),
    }));
  }

  async queryCall(options: RawCallOptions): Promise<Uint8Array> {
    const outcome = await this.engine.query(this.rawRequest(options));
    return unwrap(outcome, options.method);
  }

  async updateCall(options: RawCallOptions): Promise<Uint8Array> {
    const outcome = await this.engine.update(this.rawRequest(options), { skipIngressLimit: true });
    return unwrap(outcome, options.method);
  }

  /** Writes the whole network state to `dir` (atomically: a temporary folder, then a rename). */
  async checkpoint(dir?: string): Promise<void> {
    const target = dir ?? this.stateDir;
    if (!target)
      throw new Error(
        'LOCALNET_NO_STATE_DIR: pass a folder or create the network with { stateDir }',
      );
    await checkpointEngine(this.engine, target);
  }

  /** Checkpoints when created with a stateDir; nothing else needs closing. */
  async tearDown(): Promise<void> {
    await this.engine.run();
    if (this.stateDir) await this.checkpoint();
  }

  private rawRequest(options: RawCallOptions) {
    return {
      sender: options.sender ?? Principal.anonymous(),
      canisterId: options.canisterId,
      method: options.method,
      arg: options.arg ?? new Uint8Array(IDL.encode([], [])),
    };
  }

  private async install(options: InstallCodeOptions, mode: unknown): Promise<void> {
    const wasm =
      typeof options.wasm === 'string'
        ? new Uint8Array(await readFile(options.wasm))
        : options.wasm;
    await this.manage('install_code', options.sender, {
      mode,
      canister_id: options.canisterId,
      wasm_module: wasm,
      arg: options.arg ?? new Uint8Array(IDL.encode([], [])),
      sender_canister_version: [],
    });
  }

  private async manage(
    method: string,
    sender: Principal | undefined,
    arg: unknown,
  ): Promise<unknown> {
    const signature = MANAGEMENT_METHODS[method]!;
    const outcome = await this.engine.update(
      {
        sender: sender ?? Principal.anonymous(),
        canisterId: Principal.managementCanister(),
        method,
        arg: new Uint8Array(IDL.encode(signature.args, [arg])),
      },
      { skipIngressLimit: true },
    );
    const values = IDL.decode(signature.rets, new Uint8Array(unwrap(outcome, method)));
    return values[0];
  }

  private requireCanister(canisterId: Principal) {
    const canister = this.engine.getCanister(canisterId);
    if (!canister)
      throw new Error(`LOCALNET_NO_SUCH_CANISTER: canister ${canisterId.toText()} does not exist`);
    return canister;
  }
}

/** The management canister's `canister_settings` record; fields not given stay unset. */
function canisterSettings(controllers?: Principal[], freezingThreshold?: bigint) {
  return {
    controllers: controllers ? [controllers] : [],
    freezing_threshold: freezingThreshold === undefined ? [] : [freezingThreshold],
    compute_allocation: [],
    memory_allocation: [],
    reserved_cycles_limit: [],
    log_visibility: [],
    wasm_memory_limit: [],
    wasm_memory_threshold: [],
    environment_variables: [],
  };
}
