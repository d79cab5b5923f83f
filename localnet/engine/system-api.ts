import { ErrorCode, Trap, reject, RejectCode } from './errors.ts';
import type { Execution, OutgoingCall } from './execution-context.ts';
import type { StableMemory } from './stable-memory.ts';

/** What the ic0 functions need from the canister they run in. */
export interface SystemApiHost {
  /** The running execution, after checking that `name` may be called in its context. */
  enter(name: string): Execution;
  memory(): Uint8Array;
  /** Called before the host writes `[start, start + length)` of the heap (undo journal). */
  willWrite(start: number, length: number): void;
  stable(): StableMemory;
  isController(principal: Uint8Array): boolean;
  canisterVersion(): bigint;
  armedTimer(): bigint;
  balance(): bigint;
  adjustBalance(delta: bigint): void;
  liquidBalance(): bigint;
  instructions(counter: number): bigint;
  log(text: string): void;
  costCall(methodNameSize: bigint, payloadSize: bigint): bigint;
}

const MAX_CALL_PAYLOAD = 2 * 1024 * 1024;
const MAX_CALL_TIMEOUT_SECONDS = 300;
const ONE_WAY = 0xffffffff;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Notes, for the query cache, that a query read an input its canister's version does not cover. */
function observe(execution: Execution, input: 'time' | 'balance' | 'dataCertificate'): Execution {
  if (execution.observed) execution.observed[input] = true;
  return execution;
}

type Ic0 = Record<string, (...args: never[]) => unknown>;

/** Builds the `ic0` import object: every function of the System API that this host supports. */
export function createIc0(host: SystemApiHost): Ic0 {
  const u = (x: number) => x >>> 0;
  const n = (x: bigint) => Number(BigInt.asUintN(64, x));

  const readMemory = (src: number, size: number, name: string): Uint8Array => {
    const memory = host.memory();
    if (u(src) + u(size) > memory.length)
      throw new Trap(`${name}: source range ${u(src)}+${u(size)} is outside the heap`);
    return memory.slice(u(src), u(src) + u(size));
  };
  const copyOut = (blob: Uint8Array, dst: number, offset: number, size: number, name: string) => {
    const memory = host.memory();
    [dst, offset, size] = [u(dst), u(offset), u(size)];
    if (offset + size > blob.length)
      throw new Trap(
        `${name}: offset ${offset} + size ${size} exceeds the blob length ${blob.length}`,
      );
    if (dst + size > memory.length)
      throw new Trap(`${name}: destination range is outside the heap`);
    host.willWrite(dst, size);
    memory.set(blob.subarray(offset, offset + size), dst);
  };
  const write128 = (dst: number, value: bigint, name: string) => {
    const memory = host.memory();
    if (u(dst) + 16 > memory.length)
      throw new Trap(`${name}: destination range is outside the heap`);
    host.willWrite(u(dst), 16);
    const view = new DataView(memory.buffer, memory.byteOffset + u(dst), 16);
    view.setBigUint64(0, BigInt.asUintN(64, value), true);
    view.setBigUint64(8, value >> 64n, true);
  };
  const to128 = (high: bigint, low: bigint) =>
    (BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low);
  const blobPair = (name: string, blob: (e: Execution) => Uint8Array | undefined) => ({
    [`${name}_size`]: () => {
      const value = blob(host.enter(`${name}_size`));
      if (value === undefined) throw new Trap(`${name}_size: not available here`);
      return value.length;
    },
    [`${name}_copy`]: (dst: number, offset: number, size: number) => {
      const value = blob(host.enter(`${name}_copy`));
      if (value === undefined) throw new Trap(`${name}_copy: not available here`);
      copyOut(value, dst, offset, size, `${name}_copy`);
    },
  });
  const mustRespond = (e: Execution, name: string) => {
    const context = e.callContext;
    if (!context || !context.needsToRespond)
      throw new Trap(
        `${name}: this execution has no call to respond to`,
        ErrorCode.CanisterContractViolation,
      );
    if (context.responded || e.response)
      throw new Trap(
        `${name}: the call was already responded to`,
        ErrorCode.CanisterContractViolation,
      );
  };
  const pendingCall = (e: Execution, name: string): OutgoingCall => {
    if (!e.pending)
      throw new Trap(
        `${name}: there is no pending call (call_new first)`,
        ErrorCode.CanisterContractViolation,
      );
    return e.pending;
  };
  const utf8 = (bytes: Uint8Array, name: string): string => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new Trap(`${name}: the text is not valid UTF-8`);
    }
  };

  return {
    ...blobPair('msg_arg_data', (e) => e.arg),
    ...blobPair('msg_caller', (e) => e.caller),
    ...blobPair('msg_reject_msg', (e) =>
      e.rejectCode === 0 ? undefined : new TextEncoder().encode(e.rejectMessage),
    ),
    ...blobPair('msg_method_name', (e) => new TextEncoder().encode(e.methodName)),
    ...blobPair('canister_self', (e) => e.canisterIdBytes),
    ...blobPair('data_certificate', (e) => observe(e, 'dataCertificate').dataCertificate),

    msg_reply_data_append: (src: number, size: number) => {
      const e = host.enter('msg_reply_data_append');
      mustRespond(e, 'msg_reply_data_append');
      if (e.replySize + u(size) > e.replyLimit) {
        throw new Trap(
          `msg_reply_data_append: the reply exceeds the limit of ${e.replyLimit} bytes`,
        );
      }
      e.replyChunks.push(readMemory(src, size, 'msg_reply_data_append'));
      e.replySize += u(size);
    },
    msg_reply: () => {
      const e = host.enter('msg_reply');
      mustRespond(e, 'msg_reply');
      const reply = new Uint8Array(e.replySize);
      let at = 0;
      for (const chunk of e.replyChunks) {
        reply.set(chunk, at);
        at += chunk.length;
      }
      e.response = { kind: 'replied', reply };
    },
    msg_reject: (src: number, size: number) => {
      const e = host.enter('msg_reject');
      mustRespond(e, 'msg_reject');
      const text = utf8(readMemory(src, size, 'msg_reject'), 'msg_reject');
      e.response = reject(RejectCode.CanisterReject, 'IC0406', text);
    },
    msg_reject_code: () => host.enter('msg_reject_code').rejectCode,
    msg_cycles_available128: (dst: number) => {
      const e = host.enter('msg_cycles_available128');
      write128(
        dst,
        e.response ? 0n : (e.callContext?.cyclesAvailable ?? 0n),
        'msg_cycles_available128',
      );
    },
    msg_cycles_refunded128: (dst: number) =>
      write128(dst, host.enter('msg_cycles_refunded128').refunded, 'msg_cycles_refunded128'),
    msg_cycles_accept128: (high: bigint, low: bigint, dst: number) => {
      const e = host.enter('msg_cycles_accept128');
      const context = e.callContext;
      const available = e.response || !context ? 0n : context.cyclesAvailable;
      const wanted = to128(high, low);
      const taken = wanted < available ? wanted : available;
      if (context) context.cyclesAvailable -= taken;
      host.adjustBalance(taken);
      write128(dst, taken, 'msg_cycles_accept128');
    },
    accept_message: () => {
      const e = host.enter('accept_message');
      if (e.accepted)
        throw new Trap(
          'accept_message: the message was already accepted',
          ErrorCode.CanisterContractViolation,
        );
      e.accepted = true;
    },

    canister_cycle_balance128: (dst: number) => {
      observe(host.enter('canister_cycle_balance128'), 'balance');
      write128(dst, host.balance(), 'canister_cycle_balance128');
    },
    canister_liquid_cycle_balance128: (dst: number) => {
      observe(host.enter('canister_liquid_cycle_balance128'), 'balance');
      write128(dst, host.liquidBalance(), 'canister_liquid_cycle_balance128');
    },
    cycles_burn128: (high: bigint, low: bigint, dst: number) => {
      observe(host.enter('cycles_burn128'), 'balance');
      const wanted = to128(high, low);
      const liquid = host.liquidBalance();
      const burned = wanted < liquid ? wanted : liquid;
      host.adjustBalance(-burned);
      write128(dst, burned, 'cycles_burn128');
    },
    canister_version: () => {
      host.enter('canister_version');
      return host.canisterVersion();
    },
    time: () => observe(host.enter('time'), 'time').time,
    global_timer_set: (timestamp: bigint) => {
      const e = host.enter('global_timer_set');
      const previous = e.newTimer ?? host.armedTimer();
      e.newTimer = BigInt.asUintN(64, timestamp);
      return previous;
    },
    performance_counter: (counter: number) => {
      host.enter('performance_counter');
      return host.instructions(counter);
    },
    is_controller: (src: number, size: number) => {
      host.enter('is_controller');
      if (u(size) > 29)
        throw new Trap(`is_controller: ${u(size)} bytes are not a principal (at most 29)`);
      return host.isController(readMemory(src, size, 'is_controller')) ? 1 : 0;
    },
    in_replicated_execution: () => {
      const kind = host.enter('in_replicated_execution').kind;
      return ['NRQ', 'CQ', 'CRy', 'CRt', 'CC', 'F'].includes(kind) ? 0 : 1;
    },
    certified_data_set: (src: number, size: number) => {
      const e = host.enter('certified_data_set');
      if (u(size) > 32)
        throw new Trap(`certified_data_set: ${u(size)} bytes given, at most 32 allowed`);
      e.newCertifiedData = readMemory(src, size, 'certified_data_set');
    },
    data_certificate_present: () =>
      host.enter('data_certificate_present').dataCertificate ? 1 : 0,

    stable64_size: () => {
      host.enter('stable64_size');
      return BigInt(host.stable().pages);
    },
    stable64_grow: (pages: bigint) => {
      host.enter('stable64_grow');
      const wanted = BigInt.asUintN(64, pages);
      if (wanted > 1_000_000n) return -1n;
      return BigInt(host.stable().grow(Number(wanted)));
    },
    stable64_write: (offset: bigint, src: bigint, size: bigint) => {
      host.enter('stable64_write');
      host.stable().write(n(offset), readMemory(n(src), n(size), 'stable64_write'));
    },
    stable64_read: (dst: bigint, offset: bigint, size: bigint) => {
      host.enter('stable64_read');
      const memory = host.memory();
      const data = host.stable().read(n(offset), n(size));
      if (n(dst) + data.length > memory.length)
        throw new Trap('stable64_read: destination range is outside the heap');
      host.willWrite(n(dst), data.length);
      memory.set(data, n(dst));
    },

    debug_print: (src: number, size: number) => {
      try {
        host.enter('debug_print');
        host.log(new TextDecoder().decode(readMemory(src, size, 'debug_print')));
      } catch {
        // debug_print never traps.
      }
    },
    trap: (src: number, size: number) => {
      host.enter('trap');
      let text: string;
      try {
        text = new TextDecoder().decode(readMemory(src, size, 'trap'));
      } catch {
        text = '(trap message outside the heap)';
      }
      throw new Trap(text, ErrorCode.CanisterCalledTrap);
    },

    cost_call: (methodNameSize: bigint, payloadSize: bigint, dst: number) => {
      host.enter('cost_call');
      write128(
        dst,
        host.costCall(BigInt.asUintN(64, methodNameSize), BigInt.asUintN(64, payloadSize)),
        'cost_call',
      );
    },
    call_new: (
      calleeSrc: number,
      calleeSize: number,
      nameSrc: number,
      nameSize: number,
      replyFun: number,
      replyEnv: number,
      rejectFun: number,
      rejectEnv: number,
    ) => {
      const e = host.enter('call_new');
      if (e.pending) host.adjustBalance(e.pending.cycles);
      if (u(calleeSize) > 29)
        throw new Trap(`call_new: callee of ${u(calleeSize)} bytes is not a principal`);
      const callee = readMemory(calleeSrc, calleeSize, 'call_new');
      const method = utf8(readMemory(nameSrc, nameSize, 'call_new'), 'call_new');
      e.pending = {
        callee,
        method,
        payload: [],
        payloadSize: 0,
        reply: { fun: u(replyFun), env: u(replyEnv) },
        reject: { fun: u(rejectFun), env: u(rejectEnv) },
        cycles: 0n,
      };
    },
    call_on_cleanup: (fun: number, env: number) => {
      const call = pendingCall(host.enter('call_on_cleanup'), 'call_on_cleanup');
      if (call.cleanup)
        throw new Trap(
          'call_on_cleanup: the cleanup closure is already set',
          ErrorCode.CanisterContractViolation,
        );
      call.cleanup = { fun: u(fun), env: u(env) };
    },
    call_data_append: (src: number, size: number) => {
      const call = pendingCall(host.enter('call_data_append'), 'call_data_append');
      if (call.payloadSize + u(size) > MAX_CALL_PAYLOAD) {
        throw new Trap(`call_data_append: the call payload exceeds ${MAX_CALL_PAYLOAD} bytes`);
      }
      call.payload.push(readMemory(src, size, 'call_data_append'));
      call.payloadSize += u(size);
    },
    call_cycles_add128: (high: bigint, low: bigint) => {
      const call = pendingCall(host.enter('call_cycles_add128'), 'call_cycles_add128');
      const amount = to128(high, low);
      if (amount > host.liquidBalance())
        throw new Trap(`call_cycles_add128: ${amount} cycles exceed the liquid balance`);
      host.adjustBalance(-amount);
      call.cycles += amount;
    },
    call_with_best_effort_response: (timeoutSeconds: number) => {
      const call = pendingCall(
        host.enter('call_with_best_effort_response'),
        'call_with_best_effort_response',
      );
      if (call.timeoutSeconds !== undefined)
        throw new Trap(
          'call_with_best_effort_response: already set for this call',
          ErrorCode.CanisterContractViolation,
        );
      call.timeoutSeconds = Math.min(u(timeoutSeconds), MAX_CALL_TIMEOUT_SECONDS);
    },
    call_perform: () => {
      const e = host.enter('call_perform');
      const call = pendingCall(e, 'call_perform');
      e.pending = undefined;
      const cost = host.costCall(BigInt(call.method.length), BigInt(call.payloadSize));
      if (host.liquidBalance() < cost) {
        // The call would freeze the canister: refused synchronously, no callback will run.
        host.adjustBalance(call.cycles);
        return 2;
      }
      e.performed.push(call);
      return 0;
    },
  };
}

export { ONE_WAY };
