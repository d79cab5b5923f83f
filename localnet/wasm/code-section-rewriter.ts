import { instructionCost } from './instruction-costs.ts';
import { skipImmediates } from './instruction-immediates.ts';
import { skipValueType } from './module-outline.ts';
import { WasmReader, malformed } from './wasm-reader.ts';
import { WasmWriter } from './wasm-writer.ts';

/** What the code rewriter needs to know about the module around the code section. */
export interface MeteringTargets {
  /** Parameter count of each defined function, in code-section order. */
  paramCounts: number[];
  counterGlobal: number;
  limitGlobal: number;
  limitExceededFunction: number;
  /** Maps a function index of the original module to the rewritten one. */
  remapFunction: (index: number) => number;
  /** Bulk memory lengths are i64 on memory64; those are charged only their fixed cost. */
  chargeBulkMemoryBytes: boolean;
}

const enum Op {
  Unreachable = 0x00,
  Loop = 0x03,
  If = 0x04,
  Else = 0x05,
  Try = 0x06,
  Catch = 0x07,
  Throw = 0x08,
  Rethrow = 0x09,
  ThrowRef = 0x0a,
  End = 0x0b,
  Br = 0x0c,
  BrIf = 0x0d,
  BrTable = 0x0e,
  Return = 0x0f,
  Call = 0x10,
  ReturnCall = 0x12,
  ReturnCallIndirect = 0x13,
  ReturnCallRef = 0x15,
  Delegate = 0x18,
  CatchAll = 0x19,
  TryTable = 0x1f,
  LocalGet = 0x20,
  LocalSet = 0x21,
  GlobalGet = 0x23,
  GlobalSet = 0x24,
  I64Const = 0x42,
  I64GtU = 0x56,
  I64Add = 0x7c,
  I64ExtendI32U = 0xad,
  RefFunc = 0xd2,
  BrOnNull = 0xd4,
  BrOnNonNull = 0xd6,
  Misc = 0xfc,
}
const BLOCK_TYPE_EMPTY = 0x40;
const I32 = 0x7f;
const MEMORY_INIT = (0xfc << 16) | 8;
const MEMORY_COPY = (0xfc << 16) | 10;
const MEMORY_FILL = (0xfc << 16) | 11;

/**
 * Rewrites every function body of the code section: charges each straight-line run of
 * instructions to the counter global once, at its start; checks the limit at function entry
 * and at each loop header; charges bulk memory operations per byte; remaps function indices.
 */
export function rewriteCodeSection(
  bytes: Uint8Array,
  start: number,
  end: number,
  targets: MeteringTargets,
): Uint8Array {
  const reader = new WasmReader(bytes, start, end);
  const count = reader.u32();
  if (count !== targets.paramCounts.length) {
    throw malformed(start, `${targets.paramCounts.length} function bodies, found ${count}`);
  }
  const out = new WasmWriter(Math.ceil((end - start) * 1.3));
  out.u32(count);
  const rewriter = new BodyRewriter(bytes, targets);
  for (let index = 0; index < count; index++) {
    const size = reader.u32();
    const bodyStart = reader.pos;
    reader.skip(size);
    const body = rewriter.rewrite(bodyStart, bodyStart + size, targets.paramCounts[index]!);
    out.u32(body.length);
    out.bytes(body);
  }
  return out.finish();
}

class BodyRewriter {
  private readonly code = new WasmWriter(1 << 16);
  private readonly segment = new WasmWriter(1 << 12);
  private readonly body = new WasmWriter(1 << 16);
  private segmentCost = 0;
  private segmentChecks = false;
  private segmentLive = true;
  private pendingFrom = 0;
  private scratchLocal = -1;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly targets: MeteringTargets,
  ) {}

  rewrite(start: number, end: number, paramCount: number): Uint8Array {
    const reader = new WasmReader(this.bytes, start, end);
    let localCount = paramCount;
    for (let groups = reader.u32(); groups > 0; groups--) {
      localCount += reader.u32();
      skipValueType(reader);
    }
    const localsEnd = reader.pos;
    this.code.length = 0;
    this.scratchLocal = -1;
    this.beginSegment(reader.pos, true, true);
    this.rewriteInstructions(reader, localCount);

    this.body.length = 0;
    if (this.scratchLocal < 0) {
      this.body.bytes(this.bytes.subarray(start, localsEnd));
    } else {
      const locals = new WasmReader(this.bytes, start, localsEnd);
      this.body.u32(locals.u32() + 1);
      this.body.bytes(this.bytes.subarray(locals.pos, localsEnd));
      this.body.u32(1);
      this.body.byte(I32);
    }
    this.body.bytes(this.code.view());
    return this.body.finish();
  }

  private rewriteInstructions(reader: WasmReader, localCount: number): void {
    const { remapFunction, chargeBulkMemoryBytes } = this.targets;
    while (!reader.done) {
      const at = reader.pos;
      const first = reader.u8();
      let code: number;
      if (first === Op.Call || first === Op.ReturnCall || first === Op.RefFunc) {
        const index = reader.u32();
        this.flushOriginal(at);
        this.segment.byte(first);
        this.segment.u32(remapFunction(index));
        this.pendingFrom = reader.pos;
        code = first;
      } else {
        code = skipImmediates(reader, first);
        if (
          chargeBulkMemoryBytes &&
          (code === MEMORY_COPY || code === MEMORY_FILL || code === MEMORY_INIT)
        ) {
          this.flushOriginal(at);
          this.emitPerByteCharge(localCount);
          this.pendingFrom = at;
        }
      }
      this.segmentCost += instructionCost(code);
      this.afterInstruction(first, reader);
    }
  }

  /** Ends the current run where control flow may leave or enter, and starts the next one. */
  private afterInstruction(first: number, reader: WasmReader): void {
    switch (first) {
      case Op.Loop:
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, true, true);
        return;
      case Op.If:
      case Op.Else:
      case Op.BrIf:
      case Op.Try:
      case Op.Catch:
      case Op.CatchAll:
      case Op.Delegate:
      case Op.TryTable:
      case Op.BrOnNull:
      case Op.BrOnNonNull:
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, true);
        return;
      case Op.End:
        this.endSegment(reader.pos);
        if (!reader.done) this.beginSegment(reader.pos, false, true);
        return;
      case Op.Br:
      case Op.BrTable:
      case Op.Return:
      case Op.Unreachable:
      case Op.Throw:
      case Op.Rethrow:
      case Op.ThrowRef:
      case Op.ReturnCall:
      case Op.ReturnCallIndirect:
      case Op.ReturnCallRef:
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, false);
        return;
      default:
        return;
    }
  }

  private beginSegment(at: number, checks: boolean, live: boolean): void {
    this.segment.length = 0;
    this.segmentCost = 0;
    this.segmentChecks = checks;
    this.segmentLive = live;
    this.pendingFrom = at;
  }

  private endSegment(at: number): void {
    this.flushOriginal(at);
    if (this.segmentLive && (this.segmentCost > 0 || this.segmentChecks)) {
      this.emitCharge(this.segmentCost);
      if (this.segmentChecks) this.emitLimitCheck();
    }
    this.code.bytes(this.segment.view());
  }

  private flushOriginal(upTo: number): void {
    if (upTo > this.pendingFrom) this.segment.bytes(this.bytes.subarray(this.pendingFrom, upTo));
    this.pendingFrom = upTo;
  }

  /** counter += cost */
  private emitCharge(cost: number): void {
    const { code } = this;
    const counter = this.targets.counterGlobal;
    code.byte(Op.GlobalGet);
    code.u32(counter);
    code.byte(Op.I64Const);
    code.sleb(cost);
    code.byte(Op.I64Add);
    code.byte(Op.GlobalSet);
    code.u32(counter);
  }

  /** if (counter > limit) limit_exceeded() — unsigned, so a limit of -1 means none. */
  private emitLimitCheck(): void {
    const { code, targets } = this;
    code.byte(Op.GlobalGet);
    code.u32(targets.counterGlobal);
    code.byte(Op.GlobalGet);
    code.u32(targets.limitGlobal);
    code.byte(Op.I64GtU);
    code.byte(Op.If);
    code.byte(BLOCK_TYPE_EMPTY);
    code.byte(Op.Call);
    code.u32(targets.limitExceededFunction);
    code.byte(Op.End);
  }

  /** Before memory.copy/fill/init: counter += length (the i32 on top of the stack). */
  private emitPerByteCharge(localCount: number): void {
    if (this.scratchLocal < 0) this.scratchLocal = localCount;
    const { segment } = this;
    const counter = this.targets.counterGlobal;
    segment.byte(Op.LocalSet);
    segment.u32(this.scratchLocal);
    segment.byte(Op.GlobalGet);
    segment.u32(counter);
    segment.byte(Op.LocalGet);
    segment.u32(this.scratchLocal);
    segment.byte(Op.I64ExtendI32U);
    segment.byte(Op.I64Add);
    segment.byte(Op.GlobalSet);
    segment.u32(counter);
    segment.byte(Op.LocalGet);
    segment.u32(this.scratchLocal);
  }
}
