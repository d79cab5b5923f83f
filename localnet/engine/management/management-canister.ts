import { createHash } from 'node:crypto';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import type { Canister } from '../canister.ts';
import { CyclesPrice, DEFAULT_PROVISIONAL_CYCLES } from '../cycles-policy.ts';
import type { CallMessage, CallRequest, Engine } from '../engine.ts';
import { ErrorCode, RejectCode, RejectError, type CallOutcome } from '../errors.ts';
import { prepareModule } from '../prepared-module.ts';
import { InvalidModuleError } from '../../wasm/invalid-module-error.ts';
import { deleteSnapshot, loadSnapshot, snapshotSize, takeSnapshot } from './canister-snapshots.ts';
import { applySettings, canisterStatusRecord } from './canister-settings.ts';
import { HttpsOutcalls } from './https-outcalls.ts';
import { installCode, uninstallCode, type InstallMode } from './install-code.ts';
import { CANISTER_ONLY_METHODS, MANAGEMENT_METHODS, OPEN_METHODS } from './management-idl.ts';

type Args = Record<string, unknown>;
interface Caller {
  principal: Principal;
  isCanister: boolean;
  cycles: bigint;
}

const MAX_CHUNK = 1024 * 1024;

/** The management canister aaaaa-aa, for canisters, users (ingress) and the test API alike. */
export class ManagementCanister {
  /** HTTPS outcalls (`http_request`); tests stub them with `httpsOutcalls.mock`. */
  readonly httpsOutcalls: HttpsOutcalls;

  constructor(
    private readonly engine: Engine,
    private readonly cacheDir?: string,
  ) {
    this.httpsOutcalls = new HttpsOutcalls(engine);
  }

  /** Handles a call in the replicated queue; answers through `message.respond`. */
  async handle(message: CallMessage): Promise<void> {
    const caller: Caller = {
      principal: message.caller,
      isCanister: message.origin === 'canister',
      cycles: message.cycles,
    };
    let deferred = false;
    try {
      const args = this.decode(message.method, message.arg);
      if (!caller.isCanister && CANISTER_ONLY_METHODS.has(message.method)) {
        throw new RejectError(
          RejectCode.CanisterReject,
          ErrorCode.UnknownManagementMessage,
          `Only canisters can call ${message.method}`,
        );
      }
      if (message.method === 'http_request') return await this.httpsOutcalls.handle(message, args);
      if (message.method === 'stop_canister') {
        const canister = this.controlled(args, caller);
        if (canister.status === 'stopped')
          return message.respond(this.encode('stop_canister', []), 0n);
        canister.status = 'stopping';
        deferred = true;
        canister.pendingStops.push((cancelled) =>
          message.respond(cancelled ?? this.encode('stop_canister', []), 0n),
        );
        this.engine.finishStopIfIdle(canister);
        return;
      }
      const result = await this.dispatch(message.method, args, caller);
      const refund =
        message.method === 'create_canister' || message.method === 'deposit_cycles'
          ? 0n
          : message.cycles;
      message.respond(this.encode(message.method, result), refund);
    } catch (error) {
      if (deferred) return;
      message.respond(this.asReject(error), message.cycles);
    }
  }

  /** Query-only method (fetch_canister_logs), run without the queue. */
  query(request: CallRequest): CallOutcome {
    try {
      if (request.method !== 'fetch_canister_logs') {
        throw new RejectError(
          RejectCode.CanisterReject,
          ErrorCode.UnknownManagementMessage,
          `Management method ${request.method} cannot be called as a query`,
        );
      }
      const args = this.decode(request.method, request.arg);
      const canister = this.existing(args.canister_id as Principal);
      const visibility = canister.settings.logVisibility;
      const allowed =
        'public' in visibility ||
        canister.isControlledBy(request.sender) ||
        ('allowed_viewers' in visibility &&
          visibility.allowed_viewers.some((p) => p.toText() === request.sender.toText()));
      if (!allowed) throw notController(canister, request.sender, 'read the logs of');
      const records = canister.logs.map((r) => ({
        idx: r.idx,
        timestamp_nanos: r.timestampNanos,
        content: new TextEncoder().encode(r.content),
      }));
      return this.encode(request.method, [{ canister_log_records: records }]);
    } catch (error) {
      return this.asReject(error);
    }
  }

  /** The pre-acceptance check for a user's management call: method allowed as ingress, caller a controller. */
  checkIngress(request: CallRequest): CallOutcome | undefined {
    try {
      if (CANISTER_ONLY_METHODS.has(request.method)) {
        throw new RejectError(
          RejectCode.CanisterReject,
          ErrorCode.UnknownManagementMessage,
          `Only canisters can call ${request.method}`,
        );
      }
      const args = this.decode(request.method, request.arg);
      if (OPEN_METHODS.has(request.method)) return undefined;
      const id = (args.canister_id ?? args.target_canister) as Principal;
      const canister = this.existing(id);
      const selfAllowed =
        request.method === 'canister_status' && request.sender.toText() === canister.idText;
      if (!selfAllowed && !canister.isControlledBy(request.sender))
        throw notController(canister, request.sender, 'control');
      return undefined;
    } catch (error) {
      return this.asReject(error);
    }
  }

  /** The effective canister id of a management call (HTTP routing); undefined when it has none. */
  effectiveCanisterId(method: string, arg: Uint8Array): Principal | undefined {
    try {
      const args = this.decode(method, arg);
      return (args.canister_id ?? args.target_canister) as Principal | undefined;
    } catch {
      return undefined;
    }
  }

  private async dispatch(method: string, args: Args, caller: Caller): Promise<unknown[]> {
    const engine = this.engine;
    if (!engine.provisional && method.startsWith('provisional_')) {
      throw new RejectError(
        RejectCode.CanisterReject,
        ErrorCode.UnknownManagementMessage,
        `${method} is only available on test networks; this network is mainnet-like (create canisters through the cycles ledger)`,
      );
    }
    switch (method) {
      case 'provisional_create_canister_with_cycles': {
        const amount = (args.amount as [bigint] | []).at(0) ?? DEFAULT_PROVISIONAL_CYCLES;
        const specified = (args.specified_id as [Principal] | []).at(0);
        const canister = engine.createCanisterRecord([caller.principal], amount, specified);
        applySettings(canister, (args.settings as [Args] | []).at(0));
        return [{ canister_id: canister.id }];
      }
      case 'create_canister': {
        const fee = CyclesPrice.createCanister;
        if (caller.cycles < fee) {
          throw new RejectError(
            RejectCode.CanisterReject,
            'IC0408',
            `create_canister needs at least ${fee} cycles attached; got ${caller.cycles}`,
          );
        }
        const canister = engine.createCanisterRecord([caller.principal], caller.cycles - fee);
        applySettings(canister, (args.settings as [Args] | []).at(0));
        return [{ canister_id: canister.id }];
      }
      case 'provisional_top_up_canister': {
        this.existing(args.canister_id as Principal).cycles += args.amount as bigint;
        return [];
      }
      case 'deposit_cycles': {
        this.existing(args.canister_id as Principal).cycles += caller.cycles;
        return [];
      }
      case 'raw_rand':
        return [this.engine.inputs.randomBytes(32)];
      case 'install_code': {
        const canister = this.controlled(args, caller);
        await this.install(
          canister,
          args.mode as Args,
          args.wasm_module as Uint8Array,
          args.arg as Uint8Array,
          caller.principal,
        );
        return [];
      }
      case 'install_chunked_code': {
        const canister = this.controlled({ canister_id: args.target_canister }, caller);
        const storeId = (args.store_canister as [Principal] | []).at(0);
        const store = storeId ? this.controlled({ canister_id: storeId }, caller) : canister;
        const parts = (args.chunk_hashes_list as { hash: Uint8Array }[]).map(({ hash }) => {
          const chunk = store.chunkStore.get(hex(hash));
          if (!chunk)
            throw new RejectError(
              RejectCode.CanisterReject,
              'IC0408',
              `Chunk ${hex(hash)} is not in the chunk store of ${store.idText}`,
            );
          return chunk;
        });
        const wasm = Buffer.concat(parts);
        const actual = createHash('sha256').update(wasm).digest();
        if (hex(actual) !== hex(args.wasm_module_hash as Uint8Array)) {
          throw new RejectError(
            RejectCode.CanisterReject,
            'IC0408',
            `wasm_module_hash ${hex(args.wasm_module_hash as Uint8Array)} does not match the assembled module's hash ${hex(actual)}`,
          );
        }
        await this.install(
          canister,
          args.mode as Args,
          new Uint8Array(wasm),
          args.arg as Uint8Array,
          caller.principal,
        );
        return [];
      }
      case 'upload_chunk': {
        const canister = this.controlled(args, caller);
        const chunk = args.chunk as Uint8Array;
        if (chunk.length > MAX_CHUNK)
          throw new RejectError(
            RejectCode.CanisterReject,
            'IC0408',
            `A chunk holds at most ${MAX_CHUNK} bytes; got ${chunk.length}`,
          );
        const hash = new Uint8Array(createHash('sha256').update(chunk).digest());
        canister.chunkStore.set(hex(hash), chunk.slice());
        return [{ hash }];
      }
      case 'clear_chunk_store':
        this.controlled(args, caller).chunkStore.clear();
        return [];
      case 'stored_chunks':
        return [
          [...this.controlled(args, caller).chunkStore.keys()].map((h) => ({
            hash: new Uint8Array(Buffer.from(h, 'hex')),
          })),
        ];
      case 'uninstall_code':
        uninstallCode(engine, this.controlled(args, caller));
        return [];
      case 'start_canister': {
        const canister = this.controlled(args, caller);
        if (canister.status === 'stopping') {
          const waiting = canister.pendingStops.splice(0);
          canister.status = 'running';
          for (const done of waiting) {
            done({
              kind: 'rejected',
              rejectCode: RejectCode.CanisterError,
              errorCode: ErrorCode.CanisterStoppingCancelled,
              rejectMessage: `Canister ${canister.idText} stop request was cancelled by start_canister`,
            });
          }
        }
        canister.status = 'running';
        canister.version += 1n;
        return [];
      }
      case 'delete_canister': {
        const canister = this.controlled(args, caller);
        if (canister.status !== 'stopped') {
          throw new RejectError(
            RejectCode.CanisterError,
            ErrorCode.CanisterNotStopped,
            `Canister ${canister.idText} must be stopped before it is deleted.`,
          );
        }
        engine.canisters.delete(canister.idText);
        return [];
      }
      case 'canister_status': {
        const canister = this.existing(args.canister_id as Principal);
        if (
          caller.principal.toText() !== canister.idText &&
          !canister.isControlledBy(caller.principal)
        ) {
          throw notController(canister, caller.principal, 'read the status of');
        }
        return [canisterStatusRecord(canister)];
      }
      case 'update_settings': {
        const canister = this.controlled(args, caller);
        applySettings(canister, args.settings as Args);
        canister.version += 1n;
        return [];
      }
      case 'take_canister_snapshot': {
        const canister = this.controlled(args, caller);
        const snapshot = takeSnapshot(
          canister,
          engine.time(),
          (args.replace_snapshot as [Uint8Array] | []).at(0),
        );
        return [
          {
            id: snapshot.id,
            taken_at_timestamp: snapshot.takenAt,
            total_size: snapshotSize(snapshot),
          },
        ];
      }
      case 'load_canister_snapshot':
        loadSnapshot(this.controlled(args, caller), args.snapshot_id as Uint8Array);
        return [];
      case 'list_canister_snapshots':
        return [
          [...this.controlled(args, caller).snapshots.values()].map((s) => ({
            id: s.id,
            taken_at_timestamp: s.takenAt,
            total_size: snapshotSize(s),
          })),
        ];
      case 'delete_canister_snapshot':
        deleteSnapshot(this.controlled(args, caller), args.snapshot_id as Uint8Array);
        return [];
      case 'fetch_canister_logs': {
        const outcome = this.query({
          sender: caller.principal,
          canisterId: Principal.managementCanister(),
          method,
          arg: IDL.encode(MANAGEMENT_METHODS[method]!.args, [args]),
        });
        if (outcome.kind === 'rejected')
          throw new RejectError(outcome.rejectCode, outcome.errorCode ?? '', outcome.rejectMessage);
        return IDL.decode(
          MANAGEMENT_METHODS[method]!.rets,
          new Uint8Array(outcome.reply),
        ) as unknown[];
      }
      default:
        throw new RejectError(
          RejectCode.CanisterReject,
          ErrorCode.UnknownManagementMessage,
          `Management canister has no method '${method}'`,
        );
    }
  }

  private async install(
    canister: Canister,
    modeArg: Args,
    wasm: Uint8Array,
    arg: Uint8Array,
    sender: Principal,
  ): Promise<void> {
    const mode = Object.keys(modeArg)[0] as InstallMode;
    const upgradeOptions = mode === 'upgrade' ? ((modeArg.upgrade as [Args] | []).at(0) ?? {}) : {};
    let module;
    try {
      module = await prepareModule(wasm, this.cacheDir ? { cacheDir: this.cacheDir } : undefined);
    } catch (error) {
      if (error instanceof InvalidModuleError) {
        throw new RejectError(
          RejectCode.CanisterError,
          ErrorCode.CanisterInvalidWasm,
          `Wasm module of canister ${canister.idText} is not valid: ${error.message}`,
        );
      }
      throw error;
    }
    const skip = (upgradeOptions.skip_pre_upgrade as [boolean] | [] | undefined)?.at(0) ?? false;
    installCode(this.engine, { canister, mode, module, wasm, arg, sender, skipPreUpgrade: skip });
  }

  private existing(id: Principal): Canister {
    const canister = this.engine.getCanister(id);
    if (!canister)
      throw new RejectError(
        RejectCode.DestinationInvalid,
        ErrorCode.CanisterNotFound,
        `Canister ${id.toText()} not found`,
      );
    return canister;
  }

  private controlled(args: Args, caller: Caller): Canister {
    const canister = this.existing(args.canister_id as Principal);
    if (!canister.isControlledBy(caller.principal))
      throw notController(canister, caller.principal, 'control');
    return canister;
  }

  private decode(method: string, arg: Uint8Array): Args {
    const signature = MANAGEMENT_METHODS[method];
    if (!signature)
      throw new RejectError(
        RejectCode.CanisterReject,
        ErrorCode.UnknownManagementMessage,
        `Management canister has no method '${method}'`,
      );
    try {
      const values = IDL.decode(signature.args, new Uint8Array(arg));
      return (values[0] ?? {}) as Args;
    } catch (error) {
      throw new RejectError(
        RejectCode.CanisterReject,
        ErrorCode.InvalidManagementPayload,
        `Error decoding candid for ${method}: ${(error as Error).message}`,
      );
    }
  }

  private encode(method: string, values: unknown[]): CallOutcome {
    return {
      kind: 'replied',
      reply: new Uint8Array(IDL.encode(MANAGEMENT_METHODS[method]!.rets, values)),
    };
  }

  private asReject(error: unknown): CallOutcome {
    if (error instanceof RejectError) return error.toOutcome();
    return {
      kind: 'rejected',
      rejectCode: RejectCode.CanisterError,
      errorCode: ErrorCode.CanisterTrapped,
      rejectMessage: `Management canister failed: ${(error as Error).message}`,
    };
  }
}

function notController(canister: Canister, sender: Principal, action: string): RejectError {
  return new RejectError(
    RejectCode.CanisterError,
    ErrorCode.CanisterInvalidController,
    `Only the controllers of the canister ${canister.idText} can ${action} it.\nCanister's controllers: ${canister.controllers.map((c) => c.toText()).join(' ')}\nSender's ID: ${sender.toText()}`,
  );
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
