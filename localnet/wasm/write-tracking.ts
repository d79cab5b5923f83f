import { WasmReader } from './wasm-reader.ts';
import type { WasmWriter } from './wasm-writer.ts';

/** Pages of the dirty-page table are 4 KiB, as the replica's. */
export const DIRTY_PAGE_SHIFT = 12;
/** Entries of the dirty-page table: enough for any 32-bit address (a wrapped one is harmless). */
export const DIRTY_TABLE_SIZE = 2 ** (32 - DIRTY_PAGE_SHIFT);

/** Indices the write barrier and the virtual memory size refer to, in the rewritten module. */
export interface TrackingTargets {
  dirtyTable: number;
  pageDirtiedFunction: number;
  rangeDirtiedFunction: number;
  growFunction: number;
  pagesGlobal: number;
}

/** A module that writes memory with atomics is rewritten without tracking (full-heap undo). */
export class UntrackableWrite extends Error {}

const enum Op {
  If = 0x04,
  End = 0x0b,
  Call = 0x10,
  LocalGet = 0x20,
  LocalSet = 0x21,
  LocalTee = 0x22,
  GlobalGet = 0x23,
  TableGet = 0x25,
  I32Const = 0x41,
  I32Add = 0x6a,
  I32ShrU = 0x76,
  RefIsNull = 0xd1,
}
const I32 = 0x7f;
const I64 = 0x7e;
const F32 = 0x7d;
const F64 = 0x7c;
const V128 = 0x7b;
const BLOCK_TYPE_EMPTY = 0x40;

/** Scratch locals every tracked body gets, after its own: i32 ×4, then one per store value type. */
export const SCRATCH_LOCAL_TYPES = [I32, I32, I32, I32, I64, F32, F64, V128];
const VALUE_SLOT: Record<number, number> = { [I32]: 3, [I64]: 4, [F32]: 5, [F64]: 6, [V128]: 7 };

/** The value type a store of `code` (see skipImmediates) writes, or undefined if it is no store. */
export function storedValueType(code: number): number | undefined {
  if (code >= 0x36 && code <= 0x3e)
    return [I32, I64, F32, F64, I32, I32, I64, I64, I64][code - 0x36];
  if (code === ((0xfd << 16) | 11)) return V128;
  if (code >= ((0xfd << 16) | 88) && code <= ((0xfd << 16) | 91)) return V128;
  if (code >= ((0xfe << 16) | 0x17) && code <= ((0xfe << 16) | 0x4e)) throw new UntrackableWrite();
  return undefined;
}

/** The memarg offset of the instruction at `at` (its opcode, and any prefix sub-opcode, first). */
export function memargOffset(
  bytes: Uint8Array,
  at: number,
  end: number,
  prefixed: boolean,
): number {
  const reader = new WasmReader(bytes, at + 1, end);
  if (prefixed) reader.u32();
  const align = reader.u32();
  if (align & 0x40 && reader.u32() !== 0) throw new UntrackableWrite();
  return reader.u32();
}

/** Emits the tracked-body code; `firstScratch` is the index of the first scratch local. */
export class BarrierEmitter {
  constructor(
    private readonly out: WasmWriter,
    private readonly targets: TrackingTargets,
    private readonly firstScratch: number,
  ) {}

  /** One instruction with an optional u32 immediate (a local, global, table or function index). */
  private op(code: number, index?: number): void {
    this.out.byte(code);
    if (index !== undefined) this.out.u32(index);
  }

  /**
   * Before a store (stack: address, value): the first write to a page in a message calls
   * page_dirtied(page), which saves the page (and the next, for stores across the boundary).
   */
  beforeStore(valueType: number, offset: number): void {
    const { out, targets } = this;
    const value = this.firstScratch + VALUE_SLOT[valueType]!;
    const address = this.firstScratch + 1;
    const page = this.firstScratch + 2;
    this.op(Op.LocalSet, value);
    this.op(Op.LocalTee, address);
    if (offset !== 0) {
      this.op(Op.I32Const);
      out.sleb(offset | 0);
      this.op(Op.I32Add);
    }
    this.op(Op.I32Const);
    out.sleb(DIRTY_PAGE_SHIFT);
    this.op(Op.I32ShrU);
    this.op(Op.LocalTee, page);
    this.op(Op.TableGet, targets.dirtyTable);
    this.op(Op.RefIsNull);
    this.op(Op.If);
    out.byte(BLOCK_TYPE_EMPTY);
    this.op(Op.LocalGet, page);
    this.op(Op.Call, targets.pageDirtiedFunction);
    this.op(Op.End);
    this.op(Op.LocalGet, address);
    this.op(Op.LocalGet, value);
  }

  /** Before memory.fill/copy/init (stack: destination, value or source, length). */
  beforeBulkWrite(): void {
    const [length, address, other] = [
      this.firstScratch,
      this.firstScratch + 1,
      this.firstScratch + 2,
    ];
    this.op(Op.LocalSet, length);
    this.op(Op.LocalSet, other);
    this.op(Op.LocalTee, address);
    this.op(Op.LocalGet, length);
    this.op(Op.Call, this.targets.rangeDirtiedFunction);
    this.op(Op.LocalGet, address);
    this.op(Op.LocalGet, other);
    this.op(Op.LocalGet, length);
  }

  /** memory.size reads the logical size, which a rolled-back message's growth leaves unchanged. */
  memorySize(): void {
    this.op(Op.GlobalGet, this.targets.pagesGlobal);
  }

  memoryGrow(): void {
    this.op(Op.Call, this.targets.growFunction);
  }
}
