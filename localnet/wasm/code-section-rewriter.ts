import { instructionCost } from './instruction-costs.ts';
import { skipImmediates } from './instruction-immediates.ts';
import { skipValueType } from './module-outline.ts';
import { WasmReader, malformed } from './wasm-reader.ts';
import { WasmWriter } from './wasm-writer.ts';
import {
  BarrierEmitter,
  memargOffset,
  SCRATCH_LOCAL_TYPES,
  storedValueType,
  type TrackingTargets,
  UntrackableWrite,
} from './write-tracking.ts';

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
  /** When set, stores get a write barrier and memory.size/grow use the logical size. */
  tracking?: TrackingTargets;
  /** Bodies appended after the module's own (already encoded, size first). */
  extraBodies?: Uint8Array[];
}

const enum Op {
  Unreachable = 0x00,
  Block = 0x02,
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
/** Kinds of open control frames; only an untargeted block or a loop can be left without a new run. */
const enum Frame {
  Block,
  Loop,
  Other,
}
const I32 = 0x7f;
const MEMORY_INIT = (0xfc << 16) | 8;
const MEMORY_COPY = (0xfc << 16) | 10;
const MEMORY_FILL = (0xfc << 16) | 11;
const MEMORY_SIZE = 0x3f;
const MEMORY_GROW = 0x40;

/**
 * Rewrites every function body of the code section: charges each straight-line run of
 * instructions to the counter global once, at its start; checks the limit at function entry
 * and at each loop header; charges bulk memory operations per byte; remaps function indices.
 * Output is written once, in place: each run's charge gets its i64.const immediate when the run
 * ends (moving the run's bytes up in the rare case it needs more than one byte), and each body
 * size is a padded 5-byte LEB patched when the body ends.
 */
export function rewriteCodeSection(
  bytes: Uint8Array,
  start: number,
  end: number,
  targets: MeteringTargets,
): Uint8Array {
  const reader = new WasmReader(bytes, start, end);
  const count = start === end ? 0 : reader.u32();
  if (count !== targets.paramCounts.length) {
    throw malformed(start, `${targets.paramCounts.length} function bodies, found ${count}`);
  }
  const out = new WasmWriter(Math.ceil((end - start) * 1.6) + 64);
  const extraBodies = targets.extraBodies ?? [];
  out.u32(count + extraBodies.length);
  const rewriter = new BodyRewriter(bytes, out, targets);
  for (let index = 0; index < count; index++) {
    const size = reader.u32();
    const bodyStart = reader.pos;
    reader.skip(size);
    const sizeAt = out.reservePadded();
    rewriter.rewrite(bodyStart, bodyStart + size, targets.paramCounts[index]!);
    out.patchPadded(sizeAt, out.length - sizeAt - 5);
  }
  for (const body of extraBodies) out.bytes(body);
  return out.finish();
}

class BodyRewriter {
  private segmentCost = 0;
  private segmentChecks = false;
  private segmentLive = true;
  /** Where the current run's charge starts, and where its instructions start. */
  private chargeAt = 0;
  private instructionsAt = 0;
  private pendingFrom = 0;
  private scratchLocal = -1;
  private barrier: BarrierEmitter | undefined;
  /** Open control frames of the current body (kind, and whether a branch targets their end). */
  private readonly frameKinds: Frame[] = [];
  private readonly frameTargeted: boolean[] = [];
  /** Bytes from a charge's start to its i64.const immediate: global.get <counter> i64.const. */
  private readonly costImmediateOffset: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly out: WasmWriter,
    private readonly targets: MeteringTargets,
  ) {
    this.costImmediateOffset = 2 + unsignedLebLength(targets.counterGlobal);
  }

  rewrite(start: number, end: number, paramCount: number): void {
    const reader = new WasmReader(this.bytes, start, end);
    const groups = reader.u32();
    const groupsStart = reader.pos;
    let localCount = paramCount;
    for (let group = 0; group < groups; group++) {
      localCount += reader.u32();
      skipValueType(reader);
    }
    const tracking = this.targets.tracking;
    const needsScratch =
      this.targets.chargeBulkMemoryBytes && mayUseBulkMemory(this.bytes, reader.pos, end);
    this.barrier = undefined;
    if (tracking) {
      this.out.u32(groups + SCRATCH_LOCAL_TYPES.length);
      this.out.bytes(this.bytes.subarray(groupsStart, reader.pos));
      for (const type of SCRATCH_LOCAL_TYPES) {
        this.out.u32(1);
        this.out.byte(type);
      }
      this.barrier = new BarrierEmitter(this.out, tracking, localCount);
      this.scratchLocal = this.targets.chargeBulkMemoryBytes ? localCount : -1;
    } else if (needsScratch) {
      this.out.u32(groups + 1);
      this.out.bytes(this.bytes.subarray(groupsStart, reader.pos));
      this.out.u32(1);
      this.out.byte(I32);
      this.scratchLocal = localCount;
    } else {
      this.out.bytes(this.bytes.subarray(start, reader.pos));
      this.scratchLocal = -1;
    }
    this.frameKinds.length = 0;
    this.frameTargeted.length = 0;
    this.beginSegment(reader.pos, true, true);
    this.rewriteInstructions(reader);
  }

  private rewriteInstructions(reader: WasmReader): void {
    const { remapFunction } = this.targets;
    const out = this.out;
    while (!reader.done) {
      const at = reader.pos;
      const first = reader.u8();
      let code: number;
      if (
        first === Op.Br ||
        first === Op.BrIf ||
        first === Op.BrOnNull ||
        first === Op.BrOnNonNull
      ) {
        this.markTarget(reader.u32());
        code = first;
      } else if (first === Op.BrTable) {
        for (let targets = reader.u32(); targets >= 0; targets--) this.markTarget(reader.u32());
        code = first;
      } else if (first === Op.Call || first === Op.ReturnCall || first === Op.RefFunc) {
        const index = reader.u32();
        this.flushOriginal(at);
        out.byte(first);
        out.u32(remapFunction(index));
        this.pendingFrom = reader.pos;
        code = first;
      } else {
        code = skipImmediates(reader, first);
        const bulk = code === MEMORY_COPY || code === MEMORY_FILL || code === MEMORY_INIT;
        if (this.scratchLocal >= 0 && bulk) {
          this.flushOriginal(at);
          this.emitPerByteCharge();
        }
        if (this.barrier) this.trackWrites(code, at, reader.pos, bulk);
      }
      this.segmentCost += instructionCost(code);
      this.afterInstruction(first, reader);
    }
  }

  /** Write barrier before stores and bulk writes; memory.size/grow replaced by the logical size. */
  private trackWrites(code: number, at: number, next: number, bulk: boolean): void {
    const barrier = this.barrier!;
    if (bulk) {
      this.flushOriginal(at);
      barrier.beforeBulkWrite();
      return;
    }
    if (code === MEMORY_SIZE || code === MEMORY_GROW) {
      if (this.bytes[at + 1] !== 0) throw new UntrackableWrite();
      this.flushOriginal(at);
      if (code === MEMORY_SIZE) barrier.memorySize();
      else barrier.memoryGrow();
      this.pendingFrom = next;
      return;
    }
    const valueType = storedValueType(code);
    if (valueType === undefined) return;
    this.flushOriginal(at);
    barrier.beforeStore(valueType, memargOffset(this.bytes, at, next, code > 0xff));
  }

  /** Ends the current run where control flow may leave or enter, and starts the next one. */
  private afterInstruction(first: number, reader: WasmReader): void {
    switch (first) {
      case Op.Block:
        this.openFrame(Frame.Block);
        return;
      case Op.Loop:
        this.openFrame(Frame.Loop);
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, true, true);
        return;
      case Op.If:
      case Op.Try:
        this.openFrame(Frame.Other);
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, true);
        return;
      case Op.TryTable:
        // Its catch clauses branch to outer labels; treat every open frame as targeted.
        this.frameTargeted.fill(true);
        this.openFrame(Frame.Other);
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, true);
        return;
      case Op.Else:
      case Op.BrIf:
      case Op.Catch:
      case Op.CatchAll:
      case Op.BrOnNull:
      case Op.BrOnNonNull:
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, true);
        return;
      case Op.Delegate:
        this.closeFrame();
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, true);
        return;
      case Op.End: {
        if (reader.done) {
          this.endSegment(reader.pos);
          return;
        }
        // Only fall-through reaches the end of a loop or of a block no branch targets,
        // so the current run (live or dead) simply continues past it.
        const [kind, targeted] = this.closeFrame();
        if (kind === Frame.Loop || (kind === Frame.Block && !targeted)) return;
        this.endSegment(reader.pos);
        this.beginSegment(reader.pos, false, true);
        return;
      }
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

  private openFrame(kind: Frame): void {
    this.frameKinds.push(kind);
    this.frameTargeted.push(false);
  }

  private closeFrame(): [Frame, boolean] {
    const kind = this.frameKinds.pop() ?? Frame.Other;
    const targeted = this.frameTargeted.pop() ?? true;
    return [kind, targeted];
  }

  /** A branch to `depth` lands at the end of that frame (the function's own frame is a return). */
  private markTarget(depth: number): void {
    const index = this.frameTargeted.length - 1 - depth;
    if (index >= 0) this.frameTargeted[index] = true;
  }

  private beginSegment(at: number, checks: boolean, live: boolean): void {
    this.segmentCost = 0;
    this.segmentChecks = checks;
    this.segmentLive = live;
    this.pendingFrom = at;
    this.chargeAt = this.out.length;
    if (live) {
      this.emitChargePlaceholder();
      if (checks) this.emitLimitCheck();
    }
    this.instructionsAt = this.out.length;
  }

  private endSegment(at: number): void {
    this.flushOriginal(at);
    if (!this.segmentLive) return;
    if (this.segmentCost > 0 || this.segmentChecks) {
      this.out.patchSignedIntoByte(this.chargeAt + this.costImmediateOffset, this.segmentCost);
    } else {
      this.out.cut(this.chargeAt, this.instructionsAt);
    }
  }

  private flushOriginal(upTo: number): void {
    if (upTo > this.pendingFrom) this.out.bytes(this.bytes.subarray(this.pendingFrom, upTo));
    this.pendingFrom = upTo;
  }

  /** counter += <cost, a one-byte slot patched when the run ends> */
  private emitChargePlaceholder(): void {
    const { out } = this;
    const counter = this.targets.counterGlobal;
    out.byte(Op.GlobalGet);
    out.u32(counter);
    out.byte(Op.I64Const);
    out.byte(0);
    out.byte(Op.I64Add);
    out.byte(Op.GlobalSet);
    out.u32(counter);
  }

  /** if (counter > limit) limit_exceeded() — unsigned, so a limit of -1 means none. */
  private emitLimitCheck(): void {
    const { out, targets } = this;
    out.byte(Op.GlobalGet);
    out.u32(targets.counterGlobal);
    out.byte(Op.GlobalGet);
    out.u32(targets.limitGlobal);
    out.byte(Op.I64GtU);
    out.byte(Op.If);
    out.byte(BLOCK_TYPE_EMPTY);
    out.byte(Op.Call);
    out.u32(targets.limitExceededFunction);
    out.byte(Op.End);
  }

  /** Before memory.copy/fill/init: counter += length (the i32 on top of the stack). */
  private emitPerByteCharge(): void {
    const { out } = this;
    const counter = this.targets.counterGlobal;
    out.byte(Op.LocalSet);
    out.u32(this.scratchLocal);
    out.byte(Op.GlobalGet);
    out.u32(counter);
    out.byte(Op.LocalGet);
    out.u32(this.scratchLocal);
    out.byte(Op.I64ExtendI32U);
    out.byte(Op.I64Add);
    out.byte(Op.GlobalSet);
    out.u32(counter);
    out.byte(Op.LocalGet);
    out.u32(this.scratchLocal);
  }
}

function unsignedLebLength(value: number): number {
  let length = 1;
  for (let rest = value >>> 7; rest !== 0; rest >>>= 7) length++;
  return length;
}

/** A cheap over-approximation: a 0xFC byte followed by memory.init/copy/fill's sub-opcode. */
function mayUseBulkMemory(bytes: Uint8Array, start: number, end: number): boolean {
  const body = bytes.subarray(start, end);
  for (let i = body.indexOf(0xfc); i >= 0 && i < body.length - 1; i = body.indexOf(0xfc, i + 1)) {
    const sub = body[i + 1];
    if (sub === 8 || sub === 10 || sub === 11) return true;
  }
  return false;
}
