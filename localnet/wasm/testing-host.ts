/**
 * TEST HELPER ONLY: a deliberately tiny `ic0` host, enough to run canister_init and plain
 * update/query methods of an Azle canister without inter-canister calls, so the metering
 * rewrite can be exercised and calibrated. The real host is localnet/engine/.
 */
import {
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  METERING_IMPORT,
  UNJOURNALED_WRITES,
} from './instrumentation-names.ts';
import type { PreparedModule } from './prepare-module.ts';

export class TestingHostTrap extends Error {}

export interface TestingCallResult {
  reply?: Uint8Array;
  rejectMessage?: string;
  instructions: bigint;
}

const PAGE = 65536;
const ANONYMOUS = new Uint8Array([0x04]);
const SELF_ID = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
const BIG_BALANCE = 10n ** 15n;
const UNMETERED = new WebAssembly.Global({ value: 'i64', mutable: true }, 0n);

type HostFunction = (...args: (number | bigint)[]) => number | bigint | void;

export class TestingHost {
  readonly logs: string[] = [];
  limitExceededCalls = 0;
  private instance!: WebAssembly.Instance;
  private argument: Uint8Array = new Uint8Array();
  private replyParts: Uint8Array[] = [];
  private replied: Uint8Array | undefined;
  private rejected: string | undefined;
  private readonly stablePages = new Map<number, Uint8Array>();
  private stablePageCount = 0;
  private timer = 0n;
  private nowNs = 1_700_000_000_000_000_000n;

  /** Accepts a prepared module, or a plain compiled one (then `instructions` reads 0). */
  static instantiate(prepared: PreparedModule | WebAssembly.Module): TestingHost {
    const module = prepared instanceof WebAssembly.Module ? prepared : prepared.module;
    const host = new TestingHost();
    const ic0: Record<string, HostFunction> = {};
    const known = host.ic0();
    for (const entry of WebAssembly.Module.imports(module)) {
      if (entry.module !== 'ic0') continue;
      ic0[entry.name] =
        known[entry.name] ??
        (() => {
          throw new TestingHostTrap(`testing host does not implement ic0.${entry.name}`);
        });
    }
    const limitExceeded = (): void => {
      host.limitExceededCalls++;
      throw new TestingHostTrap('instruction limit exceeded');
    };
    host.instance = new WebAssembly.Instance(module, {
      ic0,
      [METERING_IMPORT.module]: {
        ...UNJOURNALED_WRITES,
        [METERING_IMPORT.name]: limitExceeded,
      },
    });
    return host;
  }

  private get counter(): WebAssembly.Global {
    return (
      (this.instance.exports[INSTRUCTIONS_EXPORT] as WebAssembly.Global | undefined) ?? UNMETERED
    );
  }

  private get limit(): WebAssembly.Global {
    return (
      (this.instance.exports[INSTRUCTION_LIMIT_EXPORT] as WebAssembly.Global | undefined) ??
      UNMETERED
    );
  }

  /** Runs one exported entry point with a fresh counter; a trap becomes `rejectMessage`. */
  call(exportName: string, argument: Uint8Array, limit = -1n): TestingCallResult {
    const entry = this.instance.exports[exportName];
    if (typeof entry !== 'function') throw new Error(`no export named "${exportName}"`);
    this.argument = argument;
    this.replyParts = [];
    this.replied = undefined;
    this.rejected = undefined;
    this.counter.value = 0n;
    this.limit.value = limit;
    try {
      (entry as () => void)();
    } catch (error) {
      this.rejected = error instanceof Error ? error.message : String(error);
    }
    return {
      reply: this.replied,
      rejectMessage: this.rejected,
      instructions: this.counter.value as bigint,
    };
  }

  private memory(): Uint8Array {
    return new Uint8Array((this.instance.exports.memory as WebAssembly.Memory).buffer);
  }

  private copyOut(
    blob: Uint8Array,
    dst: number | bigint,
    offset: number | bigint,
    size: number | bigint,
  ): void {
    const from = Number(offset) >>> 0;
    const length = Number(size) >>> 0;
    if (from + length > blob.length) throw new TestingHostTrap('copy out of bounds');
    this.memory().set(blob.subarray(from, from + length), Number(dst) >>> 0);
  }

  private readIn(src: number | bigint, size: number | bigint): Uint8Array {
    const start = Number(src) >>> 0;
    return this.memory().slice(start, start + (Number(size) >>> 0));
  }

  private write128(dst: number | bigint, amount: bigint): void {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = Number((amount >> BigInt(8 * i)) & 0xffn);
    this.memory().set(bytes, Number(dst) >>> 0);
  }

  private stableTransfer(
    toStable: boolean,
    stableOffset: bigint,
    heapOffset: bigint,
    size: bigint,
  ): void {
    const length = Number(BigInt.asUintN(64, size));
    let offset = Number(BigInt.asUintN(64, stableOffset));
    if (offset + length > this.stablePageCount * PAGE)
      throw new TestingHostTrap('stable memory out of bounds');
    let heap = Number(BigInt.asUintN(64, heapOffset));
    const memory = this.memory();
    let remaining = length;
    while (remaining > 0) {
      const pageIndex = Math.floor(offset / PAGE);
      const within = offset % PAGE;
      const chunk = Math.min(remaining, PAGE - within);
      let page = this.stablePages.get(pageIndex);
      if (toStable) {
        if (!page) this.stablePages.set(pageIndex, (page = new Uint8Array(PAGE)));
        page.set(memory.subarray(heap, heap + chunk), within);
      } else if (page) {
        memory.set(page.subarray(within, within + chunk), heap);
      } else {
        memory.fill(0, heap, heap + chunk);
      }
      offset += chunk;
      heap += chunk;
      remaining -= chunk;
    }
  }

  private ic0(): Record<string, HostFunction> {
    const text = (src: number | bigint, size: number | bigint): string =>
      new TextDecoder().decode(this.readIn(src, size));
    return {
      msg_arg_data_size: () => this.argument.length,
      msg_arg_data_copy: (dst, off, size) => this.copyOut(this.argument, dst!, off!, size!),
      msg_caller_size: () => ANONYMOUS.length,
      msg_caller_copy: (dst, off, size) => this.copyOut(ANONYMOUS, dst!, off!, size!),
      canister_self_size: () => SELF_ID.length,
      canister_self_copy: (dst, off, size) => this.copyOut(SELF_ID, dst!, off!, size!),
      msg_reply_data_append: (src, size) => void this.replyParts.push(this.readIn(src!, size!)),
      msg_reply: () => {
        this.replied = concat(this.replyParts);
      },
      msg_reject: (src, size) => {
        this.rejected = text(src!, size!);
      },
      time: () => this.nowNs,
      canister_version: () => 1n,
      global_timer_set: (timestamp) => {
        const previous = this.timer;
        this.timer = BigInt(timestamp!);
        return previous;
      },
      performance_counter: () => this.counter.value as bigint,
      debug_print: (src, size) => void this.logs.push(text(src!, size!)),
      trap: (src, size) => {
        throw new TestingHostTrap(text(src!, size!));
      },
      certified_data_set: () => undefined,
      in_replicated_execution: () => 1,
      data_certificate_present: () => 0,
      is_controller: () => 0,
      stable64_size: () => BigInt(this.stablePageCount),
      stable64_grow: (pages) => {
        const previous = this.stablePageCount;
        this.stablePageCount += Number(pages);
        return BigInt(previous);
      },
      stable64_write: (offset, src, size) =>
        this.stableTransfer(true, BigInt(offset!), BigInt(src!), BigInt(size!)),
      stable64_read: (dst, offset, size) =>
        this.stableTransfer(false, BigInt(offset!), BigInt(dst!), BigInt(size!)),
      canister_cycle_balance128: (dst) => this.write128(dst!, BIG_BALANCE),
      canister_liquid_cycle_balance128: (dst) => this.write128(dst!, BIG_BALANCE),
      msg_cycles_available128: (dst) => this.write128(dst!, 0n),
      msg_cycles_refunded128: (dst) => this.write128(dst!, 0n),
      msg_cycles_accept128: (_hi, _lo, dst) => this.write128(dst!, 0n),
      cycles_burn128: (_hi, _lo, dst) => this.write128(dst!, 0n),
      cost_call: (_name, _payload, dst) => this.write128(dst!, 1_000_000n),
    };
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
