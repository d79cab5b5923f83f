import { skipImmediates } from './instruction-immediates.ts';
import { InvalidModuleError } from './invalid-module-error.ts';
import {
  SectionId,
  skipImportDescription,
  skipLimits,
  type Limits,
  skipValueType,
  type SectionSpan,
} from './module-outline.ts';
import { WasmReader } from './wasm-reader.ts';

const FUNC_TYPE_FORM = 0x60;
const I32 = 0x7f;

/** The index spaces and types the rewriter needs, read from the original module. */
export interface ModuleLayout {
  sections: SectionSpan[];
  /** Parameter/result counts of every type, by type index. */
  types: { params: number; results: number }[];
  importedFunctions: number;
  /** Type index of each defined function. */
  functionTypes: number[];
  /** Every global in index order: imports first. */
  globals: { valueType: number; mutable: boolean }[];
  hasTable: boolean;
  /** Tables, imported and defined. */
  tableCount: number;
  memory64: boolean;
  /** Memory 0's limits, when the module has a memory. */
  memory: Limits | undefined;
  globalNames: Map<number, string>;
}

export function section(layout: { sections: SectionSpan[] }, id: number): SectionSpan | undefined {
  return layout.sections.find((span) => span.id === id);
}

export function readLayout(
  bytes: Uint8Array,
  sections: SectionSpan[],
  globalNames: Map<number, string>,
): ModuleLayout {
  const layout: ModuleLayout = {
    sections,
    types: [],
    importedFunctions: 0,
    functionTypes: [],
    globals: [],
    hasTable: false,
    tableCount: 0,
    memory64: false,
    memory: undefined,
    globalNames,
  };
  for (const span of sections) {
    const reader = new WasmReader(bytes, span.start, span.end);
    switch (span.id) {
      case SectionId.type:
        readTypes(reader, layout);
        break;
      case SectionId.import:
        readImportSpaces(reader, layout);
        break;
      case SectionId.function:
        for (let count = reader.u32(); count > 0; count--) layout.functionTypes.push(reader.u32());
        break;
      case SectionId.table: {
        const count = reader.u32();
        if (count > 0) layout.hasTable = true;
        layout.tableCount += count;
        break;
      }
      case SectionId.memory:
        if (reader.u32() > 0) noteMemory(layout, skipLimits(reader));
        break;
      case SectionId.global:
        readGlobalTypes(reader, layout);
        break;
    }
  }
  return layout;
}

function readTypes(reader: WasmReader, layout: ModuleLayout): void {
  for (let count = reader.u32(); count > 0; count--) {
    const form = reader.u8();
    if (form !== FUNC_TYPE_FORM) {
      throw new InvalidModuleError(
        'WASM_UNSUPPORTED',
        `expected only function types (0x60) in the type section, found form 0x${form.toString(16)} (GC types are not supported)`,
      );
    }
    const params = reader.u32();
    for (let i = 0; i < params; i++) skipValueType(reader);
    const results = reader.u32();
    for (let i = 0; i < results; i++) skipValueType(reader);
    layout.types.push({ params, results });
  }
}

function readImportSpaces(reader: WasmReader, layout: ModuleLayout): void {
  for (let count = reader.u32(); count > 0; count--) {
    reader.skip(reader.u32());
    reader.skip(reader.u32());
    const kind = reader.u8();
    const descriptionStart = reader.pos;
    if (kind === 0x00) layout.importedFunctions++;
    if (kind === 0x01) {
      layout.hasTable = true;
      layout.tableCount++;
    }
    if (kind === 0x02) {
      noteMemory(layout, skipLimits(reader));
      continue;
    }
    if (kind === 0x03) {
      const valueType = reader.bytes[reader.pos]!;
      skipValueType(reader);
      layout.globals.push({ valueType, mutable: reader.u8() === 1 });
      continue;
    }
    reader.pos = descriptionStart;
    skipImportDescription(reader, kind);
  }
}

function readGlobalTypes(reader: WasmReader, layout: ModuleLayout): void {
  for (let count = reader.u32(); count > 0; count--) {
    const valueType = reader.bytes[reader.pos]!;
    skipValueType(reader);
    layout.globals.push({ valueType, mutable: reader.u8() === 1 });
    skipConstExpression(reader);
  }
}

function skipConstExpression(reader: WasmReader): void {
  // Constant expressions hold no blocks, so the first `end` closes them.
  for (;;) {
    const opcode = reader.u8();
    if (opcode === 0x0b) return;
    skipImmediates(reader, opcode);
  }
}

/** Index of the shadow-stack pointer: named `__stack_pointer`, else the first mutable i32. */
export function findStackPointer(layout: ModuleLayout): number | undefined {
  for (const [index, name] of layout.globalNames) {
    if (name === '__stack_pointer' && layout.globals[index]?.mutable) return index;
  }
  const index = layout.globals.findIndex((g) => g.mutable && g.valueType === I32);
  return index < 0 ? undefined : index;
}

function noteMemory(layout: ModuleLayout, limits: Limits): void {
  if (limits.memory64) layout.memory64 = true;
  layout.memory ??= limits;
}
