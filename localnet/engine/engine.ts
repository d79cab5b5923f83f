import { Principal } from '@dfinity/principal';

import { Canister, NON_REPLICATED } from './canister.ts';
import { CanisterIdAllocator, isManagementCanister } from './canister-ids.ts';
import type { Entry, InvokeResult } from './canister-runtime.ts';
import { callFee, executionFee, idleCyclesPerDay, ingressFee } from './cycles-policy.ts';
import {
  ErrorCode,
  reject,
  RejectCode,
  RejectError,
  type CallOutcome,
  type Trap,
} from './errors.ts';
import {
  lazyDataCertificate,
  newExecution,
  type CallContext,
  type ContextKind,
  type Execution,
  type OutgoingCall,
} from './execution-context.ts';
import { ManagementCanister } from './management/management-canister.ts';
import { NetworkClock } from './network-clock.ts';
import { LIVE_INPUTS, type NondeterministicInputs } from './nondeterministic-inputs.ts';
import {
  noObservations,
  QueryCache,
  type QueryCacheOptions,
  type QueryObservations,
} from './query-cache.ts';
import type { SystemCanister } from './system-canister.ts';
import { ONE_WAY } from './system-api.ts';

/** Instruction limits per message kind (IC resource limits). */
export const InstructionLimit = {
  update: 40_000_000_000n,
  query: 5_000_000_000n,
  install: 300_000_000_000n,
  inspect: 200_000_000n,
} as const;
export type InstructionLimits = { [K in keyof typeof InstructionLimit]: bigint };

export const MAX_INGRESS_PAYLOAD = 2 * 1024 * 1024;
const REPLICATED_REPLY_LIMIT = 2 * 1024 * 1024;
const QUERY_REPLY_LIMIT = 3 * 1024 * 1024;
const MAX_ROUNDS_PER_RUN = 500;
const NANOS_PER_DAY = 86_400_000_000_000n;

/** A call as a user or the test API submits it. */
export interface CallRequest {
  sender: Principal;
  canisterId: Principal;
  method: string;
  arg: Uint8Array;
}

export interface CallMessage {
  kind: 'call';
  caller: Principal;
  callerCanister?: Canister;
  target: Principal;
  method: string;
  arg: Uint8Array;
  cycles: bigint;
  origin: 'ingress' | 'canister';
  respond(outcome: CallOutcome, refund: bigint): void;
}

interface ResponseMessage {
  kind: 'response';
  canister: Canister;
  context: EngineCallContext;
  call: OutgoingCall;
  outcome: CallOutcome;
  refund: bigint;
  deadline?: bigint;
}

type Message = CallMessage | ResponseMessage;

interface EngineCallContext extends CallContext {
  caller: Uint8Array;
  closed: boolean;
}

/** A query evaluation: canisters it touched are restored when it ends. */
interface QuerySession {
  touched: Map<Canister, bigint>;
  queue: Message[];
  observed: QueryObservations;
}

type Mode = { replicated: true } | { replicated: false; session: QuerySession };

interface ExecutionResult extends InvokeResult {
  execution: Execution;
}

export type DataCertificateProvider = (canister: Canister, time: bigint) => Uint8Array | undefined;

export interface EngineOptions {
  clock?: NetworkClock;
  /** Module preparation cache folder, passed to prepareModule. */
  cacheDir?: string;
  /** Lower limits make runaway-loop tests quick; the IC's are the default. */
  instructionLimits?: Partial<InstructionLimits>;
  /** false: mainnet-like, provisional_* management methods are refused as on the IC. Default true. */
  provisional?: boolean;
  /** Canisters implemented in TypeScript at fixed ids, e.g. the cycles ledger (system-canister.ts). */
  systemCanisters?: SystemCanister[];
  /** The IC's replica-side cache of user queries (on by default, as on the IC); false turns it off. */
  queryCache?: QueryCacheOptions | false;
}

/**
 * The execution engine: canisters, the message queue, call contexts, timers and the management
 * canister. Every message runs to completion in turn; an update's outcome is known when `update`
 * resolves. This is the API the HTTP interface and the test API build on.
 */
export class Engine {
  readonly clock: NetworkClock;
  readonly canisters = new Map<string, Canister>();
  readonly ids = new CanisterIdAllocator();
  readonly management: ManagementCanister;
  readonly limits: InstructionLimits;
  /** Hook: randomness and outside responses; durable rounds swap in a recorder or a replayer. */
  inputs: NondeterministicInputs = LIVE_INPUTS;
  readonly provisional: boolean;
  readonly systemCanisters = new Map<string, SystemCanister>();
  readonly queryCache: QueryCache | undefined;
  private readonly queue: Message[] = [];
  private loop: Promise<void> | undefined;
  private nextContextId = 1;
  private dataCertificate: DataCertificateProvider | undefined;
  private idleChargedUntil = 0n;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? new NetworkClock();
    this.management = new ManagementCanister(this, options.cacheDir);
    this.limits = { ...InstructionLimit, ...options.instructionLimits };
    this.provisional = options.provisional ?? true;
    if (options.queryCache !== false) this.queryCache = new QueryCache(options.queryCache);
    for (const system of options.systemCanisters ?? []) {
      this.systemCanisters.set(system.id.toText(), system);
      system.attach(this);
    }
  }

  // ---- API for the HTTP layer and the test API ----

  /** The network time in nanoseconds. */
  time(): bigint {
    return this.clock.now();
  }

  /** Lets the HTTP layer supply data certificates (BLS-signed) to non-replicated queries. */
  setDataCertificateProvider(provider: DataCertificateProvider | undefined): void {
    this.dataCertificate = provider;
  }

  getCanister(id: Principal | string): Canister | undefined {
    return this.canisters.get(typeof id === 'string' ? id : id.toText());
  }

  /**
   * Submits an update call (ingress) and resolves with its outcome once it and its follow-ups ran.
   * The test API passes skipIngressLimit, as PocketIC's install does by chunking.
   */
  async update(
    request: CallRequest,
    options: { skipIngressLimit?: boolean } = {},
  ): Promise<CallOutcome> {
    if (!options.skipIngressLimit && request.arg.length > MAX_INGRESS_PAYLOAD) {
      return reject(
        RejectCode.CanisterReject,
        ErrorCode.InvalidManagementPayload,
        `Request payload of ${request.arg.length} bytes exceeds the ingress limit of ${MAX_INGRESS_PAYLOAD} bytes.`,
      );
    }
    const canister = this.getCanister(request.canisterId);
    if (canister) canister.cycles -= ingressFee(request.arg.length + request.method.length);
    const outcome = new Promise<CallOutcome>((resolve) => {
      this.queue.push({
        kind: 'call',
        caller: request.sender,
        target: request.canisterId,
        method: request.method,
        arg: request.arg,
        cycles: 0n,
        origin: 'ingress',
        respond: (result) => resolve(result),
      });
    });
    await this.run();
    return outcome;
  }

  /**
   * Runs a user's query (or composite query) as `sender`; its state changes are never kept. An
   * answer still valid in the query cache is returned without running the canister.
   */
  async query(request: CallRequest): Promise<CallOutcome> {
    if (isManagementCanister(request.canisterId)) return this.management.query(request);
    const idText = request.canisterId.toText();
    const system = this.systemCanisters.get(idText);
    if (system) return system.query(request);
    const canister = this.canisters.get(idText);
    const cache = this.queryCache;
    if (!cache || !canister) return this.querySync(request);
    const key = QueryCache.key(
      canister,
      request.sender.toUint8Array(),
      request.method,
      request.arg,
    );
    const now = this.clock.now();
    const cached = cache.lookup(key, now, (id) => this.canisters.get(id));
    if (cached) return cached;
    const { outcome, session } = this.evaluateQuery(request);
    cache.store(key, outcome, [...session.touched.keys()], now, session.observed);
    return outcome;
  }

  /** The query path without a promise or the cache (the management canister's transforms). */
  querySync(request: CallRequest): CallOutcome {
    return this.evaluateQuery(request).outcome;
  }

  private evaluateQuery(request: CallRequest): { outcome: CallOutcome; session: QuerySession } {
    const session = newQuerySession();
    let outcome: CallOutcome | undefined;
    try {
      this.deliverCall(
        {
          kind: 'call',
          caller: request.sender,
          target: request.canisterId,
          method: request.method,
          arg: request.arg,
          cycles: 0n,
          origin: 'ingress',
          respond: (result) => (outcome = result),
        },
        { replicated: false, session },
      );
      while (session.queue.length > 0)
        this.deliver(session.queue.shift()!, { replicated: false, session });
    } finally {
      for (const [canister, balance] of session.touched) {
        canister.runtime?.rollback();
        canister.stableMemory.rollback();
        canister.cycles = balance;
      }
    }
    outcome ??= reject(
      RejectCode.CanisterError,
      ErrorCode.CanisterDidNotReply,
      `Canister ${request.canisterId.toText()} did not produce a response`,
    );
    return { outcome, session };
  }

  /**
   * Runs `canister_inspect_message` for an ingress update. Resolves undefined when the message
   * is accepted, or with the reject to send back (HTTP 200 with a reject body).
   */
  async inspectMessage(request: CallRequest): Promise<CallOutcome | undefined> {
    if (isManagementCanister(request.canisterId)) return this.management.checkIngress(request);
    if (this.systemCanisters.has(request.canisterId.toText())) return undefined;
    const canister = this.getCanister(request.canisterId);
    if (!canister) return notFound(request.canisterId);
    const runtime = canister.runtime;
    if (!runtime) return emptyCanister(canister);
    if (!runtime.hasExport('canister_inspect_message')) return undefined;
    const execution = newExecution({
      kind: 'F',
      canisterIdBytes: canister.idBytes,
      caller: request.sender.toUint8Array(),
      time: this.clock.now(),
      arg: request.arg,
      methodName: request.method,
    });
    const session = newQuerySession();
    const result = this.execute(
      canister,
      execution,
      { export: 'canister_inspect_message' },
      this.limits.inspect,
      { replicated: false, session },
      false,
    );
    runtime.rollback();
    canister.stableMemory.rollback();
    canister.cycles = session.touched.get(canister) ?? canister.cycles;
    if (result.trap) {
      return reject(
        RejectCode.CanisterReject,
        ErrorCode.CanisterRejectedMessage,
        `Canister ${canister.idText} rejected the message: inspect_message trapped: ${result.trap.message}`,
      );
    }
    if (!execution.accepted) {
      return reject(
        RejectCode.CanisterReject,
        ErrorCode.CanisterRejectedMessage,
        `Canister ${canister.idText} rejected the message (inspect_message did not accept it)`,
      );
    }
    return undefined;
  }

  /** Fires due timers and heartbeats, then runs every queued message: one PocketIC-style round. */
  async tick(): Promise<void> {
    this.runHeartbeats();
    await this.run();
  }

  /** Runs queued messages and due timers until nothing is left to do. */
  async run(): Promise<void> {
    // A message queued just as a loop was finishing is picked up by the next pass.
    for (let pass = 0; pass === 0 || (pass < 100 && (this.loop || this.queue.length > 0)); pass++) {
      this.loop ??= this.processAll().finally(() => (this.loop = undefined));
      await this.loop;
    }
  }

  /** Read access for read_state: certified data, module hash, controllers, metadata. */
  canisterInfo(id: Principal | string, reader?: Principal) {
    const canister = this.getCanister(id);
    if (!canister) return undefined;
    const module = canister.module;
    const mayReadPrivate = reader !== undefined && canister.isControlledBy(reader);
    return {
      certifiedData: canister.certifiedData,
      moduleHash: module?.moduleHash,
      controllers: [...canister.controllers],
      status: canister.status,
      metadata(name: string): Uint8Array | undefined {
        return (
          module?.customSections.get(`icp:public ${name}`) ??
          (mayReadPrivate ? module?.customSections.get(`icp:private ${name}`) : undefined)
        );
      },
    };
  }

  /** Hook for checkpoints: when storage was last charged, so a replay charges the same cycles. */
  get idleChargedAt(): bigint {
    return this.idleChargedUntil;
  }

  set idleChargedAt(nanos: bigint) {
    this.idleChargedUntil = nanos;
  }

  // ---- used by the management canister ----

  enqueueResponse(message: CallMessage, outcome: CallOutcome, refund: bigint): void {
    message.respond(outcome, refund);
  }

  createCanisterRecord(
    controllers: Principal[],
    cycles: bigint,
    specifiedId?: Principal,
  ): Canister {
    const id = specifiedId ?? this.ids.next();
    if (specifiedId) this.ids.reserve(specifiedId);
    if (this.canisters.has(id.toText())) {
      throw new RejectError(
        RejectCode.DestinationInvalid,
        'IC0302',
        `Canister ${id.toText()} already exists`,
      );
    }
    const canister = new Canister(id, controllers, cycles);
    this.canisters.set(id.toText(), canister);
    return canister;
  }

  /** Runs an init / upgrade / pre-upgrade entry point whose transaction the caller manages. */
  runLifecycleHook(
    canister: Canister,
    kind: 'I' | 'G',
    exportName: string,
    arg: Uint8Array,
    caller: Principal,
  ): Trap | undefined {
    const execution = newExecution({
      kind,
      canisterIdBytes: canister.idBytes,
      caller: caller.toUint8Array(),
      time: this.clock.now(),
      arg,
    });
    canister.current = execution;
    canister.contextInstructionsBefore = 0n;
    const result = canister.runtime!.invoke({ export: exportName }, this.limits.install);
    canister.current = undefined;
    canister.cycles -= executionFee(result.instructions);
    if (result.trap) {
      canister.appendLog(`[TRAP]: ${result.trap.message}`, execution.time);
      return result.trap;
    }
    if (execution.newCertifiedData) canister.certifiedData = execution.newCertifiedData;
    if (execution.newTimer !== undefined) canister.globalTimer = execution.newTimer;
    return undefined;
  }

  /** Rejects every open call context of a canister (uninstall_code). */
  rejectOpenContexts(canister: Canister): void {
    for (const message of this.queue) {
      if (message.kind === 'response' && message.canister === canister)
        message.context.deleted = true;
    }
    this.contextsByCanister.get(canister)?.forEach((context) => {
      if (context.closed) return;
      context.deleted = true;
      if (context.needsToRespond && !context.responded) {
        context.responded = true;
        context.respond(
          reject(
            RejectCode.CanisterReject,
            'IC0406',
            `Canister ${canister.idText} has been uninstalled.`,
          ),
        );
      }
    });
  }

  finishStopIfIdle(canister: Canister): void {
    if (canister.status !== 'stopping' || canister.openCallContexts > 0) return;
    canister.status = 'stopped';
    canister.version += 1n;
    const waiting = canister.pendingStops.splice(0);
    for (const done of waiting) done();
  }

  // ---- scheduler ----

  /** Storage costs: every canister pays for its memory for the time that passed. */
  private chargeIdleCycles(): void {
    const now = this.clock.now();
    const elapsed = now - this.idleChargedUntil;
    if (this.idleChargedUntil !== 0n && elapsed < 1_000_000_000n) return;
    if (this.idleChargedUntil !== 0n) {
      for (const canister of this.canisters.values()) {
        const due = (idleCyclesPerDay(canister.memoryBytes()) * elapsed) / NANOS_PER_DAY;
        canister.cycles = canister.cycles > due ? canister.cycles - due : 0n;
      }
    }
    this.idleChargedUntil = now;
  }

  private async processAll(): Promise<void> {
    this.chargeIdleCycles();
    for (let round = 0; round < MAX_ROUNDS_PER_RUN; round++) {
      const fired = this.fireDueTimers();
      if (this.queue.length === 0 && !fired) return;
      while (this.queue.length > 0) {
        const message = this.queue.shift()!;
        const system = message.kind === 'call' && this.systemCanisters.get(message.target.toText());
        if (message.kind === 'call' && isManagementCanister(message.target)) {
          await this.management.handle(message);
        } else if (message.kind === 'call' && system) {
          await system.update(message);
        } else {
          this.deliver(message, { replicated: true });
        }
      }
    }
  }

  private deliver(message: Message, mode: Mode): void {
    if (message.kind === 'call') {
      if (isManagementCanister(message.target)) {
        if (!mode.replicated) mode.session.observed.failed = true;
        message.respond(
          reject(
            RejectCode.CanisterReject,
            ErrorCode.UnknownManagementMessage,
            'The management canister cannot be called from a query.',
          ),
          message.cycles,
        );
      } else {
        this.deliverCall(message, mode);
      }
    } else {
      this.deliverResponse(message, mode);
    }
  }

  private deliverCall(message: CallMessage, mode: Mode): void {
    const canister = this.canisters.get(message.target.toText());
    const refuse = (outcome: CallOutcome) => {
      if (!mode.replicated) mode.session.observed.failed = true;
      message.respond(outcome, message.cycles);
    };
    if (!canister) return refuse(notFound(message.target));
    const runtime = canister.runtime;
    if (!runtime) return refuse(emptyCanister(canister));
    if (canister.status === 'stopped') {
      return refuse(
        reject(
          RejectCode.CanisterError,
          ErrorCode.CanisterStopped,
          `Canister ${canister.idText} is stopped and therefore does not have a CallContextManager`,
        ),
      );
    }
    if (canister.status === 'stopping') {
      return refuse(
        reject(
          RejectCode.CanisterError,
          ErrorCode.CanisterStopping,
          `Canister ${canister.idText} is stopping`,
        ),
      );
    }
    const update = `canister_update ${message.method}`;
    const query = `canister_query ${message.method}`;
    const composite = `canister_composite_query ${message.method}`;
    let kind: ContextKind;
    let exportName: string;
    if (mode.replicated) {
      if (runtime.hasExport(update)) [kind, exportName] = ['U', update];
      else if (runtime.hasExport(query)) [kind, exportName] = ['RQ', query];
      else if (runtime.hasExport(composite)) {
        return refuse(
          reject(
            RejectCode.CanisterError,
            ErrorCode.CompositeQueryCalledInReplicatedMode,
            `Composite query cannot be called in replicated mode (canister ${canister.idText}, method ${message.method})`,
          ),
        );
      } else return refuse(methodNotFound(canister, 'update', message.method));
      const frozen = this.frozenReject(canister);
      if (frozen) return refuse(frozen);
    } else {
      if (runtime.hasExport(query)) [kind, exportName] = ['NRQ', query];
      else if (runtime.hasExport(composite)) [kind, exportName] = ['CQ', composite];
      else return refuse(methodNotFound(canister, 'query', message.method));
    }
    const context = this.openContext(
      canister,
      message.caller.toUint8Array(),
      true,
      message.cycles,
      (outcome) => {
        const refund = context.cyclesAvailable;
        context.cyclesAvailable = 0n;
        message.respond(outcome, refund);
      },
    );
    const topLevelQuery = !mode.replicated && message.origin === 'ingress';
    const execution = newExecution({
      kind,
      canisterIdBytes: canister.idBytes,
      caller: message.caller.toUint8Array(),
      time: this.clock.now(),
      arg: message.arg,
      methodName: message.method,
      callContext: context,
      replyLimit: mode.replicated ? REPLICATED_REPLY_LIMIT : QUERY_REPLY_LIMIT,
    });
    const certify = this.dataCertificate;
    if (topLevelQuery && certify) {
      const time = execution.time;
      lazyDataCertificate(execution, () => certify(canister, time));
    }
    const limit = kind === 'U' ? this.limits.update : this.limits.query;
    const result = this.execute(
      canister,
      execution,
      { export: exportName },
      limit,
      mode,
      kind === 'U',
    );
    this.afterExecution(canister, context, result, mode);
  }

  private deliverResponse(message: ResponseMessage, mode: Mode): void {
    const { canister, context, call } = message;
    context.outstanding -= 1;
    canister.cycles += message.refund;
    let outcome = message.outcome;
    if (message.deadline !== undefined && this.clock.now() > message.deadline) {
      outcome = reject(
        RejectCode.SysUnknown,
        ErrorCode.DeadlineExpired,
        'Call deadline has expired.',
      );
    }
    const alive =
      this.canisters.get(canister.idText) === canister &&
      canister.module !== undefined &&
      !context.deleted;
    if (!alive || call.reply.fun === ONE_WAY) return this.closeContextIfDone(canister, context);
    const replied = outcome.kind === 'replied';
    const replicated = mode.replicated;
    const execution = newExecution({
      kind: replied ? (replicated ? 'Ry' : 'CRy') : replicated ? 'Rt' : 'CRt',
      canisterIdBytes: canister.idBytes,
      caller: context.caller,
      time: this.clock.now(),
      arg: outcome.kind === 'replied' ? outcome.reply : undefined,
      rejectCode: outcome.kind === 'rejected' ? outcome.rejectCode : 0,
      rejectMessage: outcome.kind === 'rejected' ? outcome.rejectMessage : '',
      callContext: context,
      refunded: message.refund,
      replyLimit: replicated ? REPLICATED_REPLY_LIMIT : QUERY_REPLY_LIMIT,
    });
    const limit = replicated ? this.limits.update : this.limits.query;
    const result = this.execute(
      canister,
      execution,
      { closure: replied ? call.reply : call.reject },
      limit,
      mode,
      true,
    );
    if (result.trap && call.cleanup) {
      const cleanup = newExecution({
        kind: replicated ? 'C' : 'CC',
        canisterIdBytes: canister.idBytes,
        caller: context.caller,
        time: execution.time,
        callContext: context,
      });
      this.execute(canister, cleanup, { closure: call.cleanup }, limit, mode, true);
    }
    this.afterExecution(canister, context, result, mode);
  }

  private fireDueTimers(): boolean {
    const now = this.clock.now();
    let fired = false;
    for (const canister of this.canisters.values()) {
      if (
        !canister.module ||
        canister.status !== 'running' ||
        canister.globalTimer === 0n ||
        now < canister.globalTimer
      )
        continue;
      if (this.frozenReject(canister)) continue;
      canister.globalTimer = 0n;
      if (!canister.exports('canister_global_timer')) continue;
      fired = true;
      this.runSystemTask(canister, 'canister_global_timer');
    }
    return fired;
  }

  private runHeartbeats(): void {
    for (const canister of this.canisters.values()) {
      if (
        canister.status === 'running' &&
        canister.exports('canister_heartbeat') &&
        !this.frozenReject(canister)
      ) {
        this.runSystemTask(canister, 'canister_heartbeat');
      }
    }
  }

  private runSystemTask(canister: Canister, exportName: string): void {
    const context = this.openContext(canister, new Uint8Array(0), false, 0n, () => undefined);
    const execution = newExecution({
      kind: 'T',
      canisterIdBytes: canister.idBytes,
      caller: new Uint8Array(0),
      time: this.clock.now(),
      callContext: context,
    });
    const result = this.execute(
      canister,
      execution,
      { export: exportName },
      this.limits.update,
      { replicated: true },
      true,
    );
    this.afterExecution(canister, context, result, { replicated: true });
  }

  // ---- one execution ----

  private execute(
    canister: Canister,
    execution: Execution,
    entry: Entry,
    limit: bigint,
    mode: Mode,
    keep: boolean,
  ): ExecutionResult {
    const runtime = canister.runtime!;
    const stable = canister.stableMemory;
    if (mode.replicated) {
      runtime.begin();
      stable.begin();
    } else {
      execution.observed = mode.session.observed;
      if (!mode.session.touched.has(canister)) {
        mode.session.touched.set(canister, canister.cycles);
        runtime.begin();
        stable.begin();
      }
    }
    const balanceBefore = canister.cycles;
    canister.current = execution;
    canister.contextInstructionsBefore = execution.callContext?.instructions ?? 0n;
    const result = runtime.invoke(entry, limit);
    canister.current = undefined;
    canister.lastInstructions = result.instructions;
    if (execution.callContext) execution.callContext.instructions += result.instructions;
    if (result.trap) {
      runtime.rollback();
      stable.rollback();
      if (mode.replicated) {
        canister.cycles = balanceBefore - executionFee(result.instructions);
        canister.appendLog(`[TRAP]: ${result.trap.message}`, execution.time);
      } else {
        mode.session.observed.failed = true;
        stable.begin();
      }
      return { ...result, execution };
    }
    if (execution.pending) canister.cycles += execution.pending.cycles;
    if (!mode.replicated) return { ...result, execution };
    if (keep) {
      runtime.commit();
      stable.commit();
      if (execution.newCertifiedData) canister.certifiedData = execution.newCertifiedData;
      if (execution.newTimer !== undefined) canister.globalTimer = execution.newTimer;
      canister.version += 1n;
    } else {
      runtime.rollback();
      stable.rollback();
    }
    if (!NON_REPLICATED.has(execution.kind)) canister.cycles -= executionFee(result.instructions);
    return { ...result, execution };
  }

  private afterExecution(
    canister: Canister,
    context: EngineCallContext,
    result: ExecutionResult,
    mode: Mode,
  ): void {
    const { execution } = result;
    if (!result.trap) {
      for (const call of execution.performed) this.sendCall(canister, context, call, mode);
      if (execution.response && !context.responded) {
        context.responded = true;
        context.respond(execution.response);
      }
    }
    this.closeContextIfDone(canister, context, result.trap);
  }

  private sendCall(
    canister: Canister,
    context: EngineCallContext,
    call: OutgoingCall,
    mode: Mode,
  ): void {
    context.outstanding += 1;
    const arg = concat(call.payload, call.payloadSize);
    if (mode.replicated) canister.cycles -= callFee(BigInt(call.method.length), BigInt(arg.length));
    const deadline =
      call.timeoutSeconds === undefined
        ? undefined
        : this.clock.now() + BigInt(call.timeoutSeconds) * 1_000_000_000n;
    const queue = mode.replicated ? this.queue : mode.session.queue;
    let callee: Principal;
    try {
      callee = Principal.fromUint8Array(call.callee);
    } catch {
      callee = Principal.fromUint8Array(new Uint8Array([0xff]));
    }
    queue.push({
      kind: 'call',
      caller: canister.id,
      callerCanister: canister,
      target: callee,
      method: call.method,
      arg,
      cycles: call.cycles,
      origin: 'canister',
      respond: (outcome, refund) =>
        queue.push({ kind: 'response', canister, context, call, outcome, refund, deadline }),
    });
  }

  private readonly contextsByCanister = new Map<Canister, Set<EngineCallContext>>();

  private openContext(
    canister: Canister,
    caller: Uint8Array,
    needsToRespond: boolean,
    cycles: bigint,
    respond: (outcome: CallOutcome) => void,
  ): EngineCallContext {
    const context: EngineCallContext = {
      id: this.nextContextId++,
      canisterId: canister.idText,
      caller,
      needsToRespond,
      responded: false,
      outstanding: 0,
      cyclesAvailable: cycles,
      instructions: 0n,
      deleted: false,
      closed: false,
      respond,
    };
    canister.openCallContexts += 1;
    let open = this.contextsByCanister.get(canister);
    if (!open) this.contextsByCanister.set(canister, (open = new Set()));
    open.add(context);
    return context;
  }

  private closeContextIfDone(canister: Canister, context: EngineCallContext, trap?: Trap): void {
    if (context.outstanding > 0 || context.closed) return;
    if (context.needsToRespond && !context.responded) {
      context.responded = true;
      context.respond(
        trap
          ? trapReject(canister, trap)
          : reject(
              RejectCode.CanisterError,
              ErrorCode.CanisterDidNotReply,
              `Canister ${canister.idText} did not produce a response`,
            ),
      );
    }
    if (context.cyclesAvailable > 0n) {
      canister.cycles += context.cyclesAvailable;
      context.cyclesAvailable = 0n;
    }
    context.closed = true;
    canister.openCallContexts -= 1;
    this.contextsByCanister.get(canister)?.delete(context);
    this.finishStopIfIdle(canister);
  }

  private frozenReject(canister: Canister): CallOutcome | undefined {
    const needed = canister.freezingLimit() + executionFee(0n);
    if (canister.cycles >= needed) return undefined;
    return reject(
      RejectCode.SysTransient,
      ErrorCode.CanisterOutOfCycles,
      `Canister ${canister.idText} is out of cycles: please top up the canister with at least ${needed - canister.cycles} additional cycles`,
    );
  }
}

export function notFound(id: Principal): CallOutcome {
  return reject(
    RejectCode.DestinationInvalid,
    ErrorCode.CanisterNotFound,
    `Canister ${id.toText()} not found`,
  );
}

function emptyCanister(canister: Canister): CallOutcome {
  return reject(
    RejectCode.CanisterError,
    ErrorCode.CanisterWasmModuleNotFound,
    `Canister ${canister.idText} has no Wasm module: install code first`,
  );
}

function methodNotFound(canister: Canister, kind: string, method: string): CallOutcome {
  return reject(
    RejectCode.CanisterError,
    ErrorCode.CanisterMethodNotFound,
    `Canister ${canister.idText} has no ${kind} method '${method}'`,
  );
}

export function trapReject(canister: Canister, trap: Trap): CallOutcome {
  const text =
    trap.errorCode === ErrorCode.CanisterCalledTrap
      ? `Canister ${canister.idText} trapped explicitly: ${trap.message}`
      : trap.errorCode === ErrorCode.CanisterInstructionLimitExceeded
        ? trap.message
        : trap.errorCode === ErrorCode.CanisterContractViolation
          ? `Canister ${canister.idText} violated contract: ${trap.message}`
          : `Canister ${canister.idText} trapped: ${trap.message}`;
  return reject(RejectCode.CanisterError, trap.errorCode, text);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function newQuerySession(): QuerySession {
  return { touched: new Map(), queue: [], observed: noObservations() };
}
