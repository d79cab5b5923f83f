import { PAGE_DIRTIED_IMPORT, RANGE_DIRTIED_IMPORT } from './instrumentation-names.ts';
import type { ModuleLayout } from './module-layout.ts';
import { SectionId } from './module-outline.ts';
import { section } from './module-layout.ts';
import { WasmReader } from './wasm-reader.ts';
import { WasmWriter } from './wasm-writer.ts';
import { DIRTY_TABLE_SIZE } from './write-tracking.ts';

const I32 = 0x7f;
const EXTERNREF = 0x6f;
const WASM32_MAX_PAGES = 65536;

/** Types appended for tracking, in this order: page_dirtied, range_dirtied, the grow helper. */
export const TRACKING_TYPES = [
  new Uint8Array([0x60, 1, I32, 0]),
  new Uint8Array([0x60, 2, I32, I32, 0]),
  new Uint8Array([0x60, 1, I32, 1, I32]),
];

/** The two host imports the write barrier calls, each `[module, name, type index]`. */
export function trackingImports(firstType: number): [string, string, number][] {
  return [
    [PAGE_DIRTIED_IMPORT.module, PAGE_DIRTIED_IMPORT.name, firstType],
    [RANGE_DIRTIED_IMPORT.module, RANGE_DIRTIED_IMPORT.name, firstType + 1],
  ];
}

/** The table section plus the dirty-page table (externref, null = not yet written). */
export function tableSectionWithDirtyTable(bytes: Uint8Array, layout: ModuleLayout): Uint8Array {
  const entry = new WasmWriter(8);
  entry.byte(EXTERNREF);
  entry.byte(0x00);
  entry.u32(DIRTY_TABLE_SIZE);
  return appendEntry(bytes, layout, SectionId.table, entry.view());
}

/** The function section plus one function of type `typeIndex` (the grow helper). */
export function functionSectionWithGrow(
  bytes: Uint8Array,
  layout: ModuleLayout,
  typeIndex: number,
): Uint8Array {
  const entry = new WasmWriter(8);
  entry.u32(typeIndex);
  return appendEntry(bytes, layout, SectionId.function, entry.view());
}

/** A vector section (count, entries) of the module with one more entry at its end. */
function appendEntry(
  bytes: Uint8Array,
  layout: ModuleLayout,
  id: number,
  entry: Uint8Array,
): Uint8Array {
  const span = section(layout, id);
  const out = new WasmWriter(16 + entry.length + (span ? span.end - span.start : 0));
  if (span) {
    const reader = new WasmReader(bytes, span.start, span.end);
    out.u32(reader.u32() + 1);
    out.bytes(bytes.subarray(reader.pos, span.end));
  } else {
    out.u32(1);
  }
  out.bytes(entry);
  return out.finish();
}

/** The mutable i32 global holding the logical memory size in pages. */
export function pagesGlobal(layout: ModuleLayout): Uint8Array {
  const out = new WasmWriter(16);
  out.byte(I32);
  out.byte(0x01);
  out.byte(0x41);
  out.sleb(layout.memory?.min ?? 0);
  out.byte(0x0b);
  return out.finish();
}

/**
 * `grow(n) -> old | -1`: moves the logical size up by n pages, growing the real memory only
 * past its current size. The pages between the logical and the real size are always zero (a
 * rollback restores them), so they are handed out as fresh pages.
 */
export function growBody(layout: ModuleLayout, pages: number): Uint8Array {
  const max = Math.min(layout.memory?.max ?? WASM32_MAX_PAGES, WASM32_MAX_PAGES);
  const code = new WasmWriter(96);
  code.bytes(new Uint8Array([1, 2, I32]));
  const op = (...values: number[]) => code.bytes(new Uint8Array(values));
  const pagesGet = () => {
    op(0x23);
    code.u32(pages);
  };
  pagesGet();
  op(0x21, 1);
  // if (n > max - old) return -1
  op(0x20, 0, 0x41);
  code.sleb(max);
  op(0x20, 1, 0x6b, 0x4b, 0x04, 0x40, 0x41, 0x7f, 0x0f, 0x0b);
  // new = old + n; if (new > memory.size) { if (memory.grow(new - size) == -1) return -1 }
  op(0x20, 1, 0x20, 0, 0x6a, 0x22, 2, 0x3f, 0, 0x4b, 0x04, 0x40);
  op(0x20, 2, 0x3f, 0, 0x6b, 0x40, 0, 0x41, 0x7f, 0x46, 0x04, 0x40, 0x41, 0x7f, 0x0f, 0x0b);
  op(0x0b);
  // pages = new; return old
  op(0x20, 2, 0x24);
  code.u32(pages);
  op(0x20, 1, 0x0b);
  const body = new WasmWriter(code.length + 5);
  body.u32(code.length);
  body.bytes(code.view());
  return body.finish();
}
