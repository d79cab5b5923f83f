import { rewriteCodeSection } from './code-section-rewriter.ts';
import {
  readGlobalNames,
  rewriteElementSection,
  rewriteExportSection,
  rewriteGlobalSection,
  rewriteNameSection,
  rewriteStartSection,
} from './index-remapping.ts';
import {
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  METERING_IMPORT,
  STACK_POINTER_EXPORT,
  TABLE_EXPORT,
} from './instrumentation-names.ts';
import { InvalidModuleError } from './invalid-module-error.ts';
import { findStackPointer, readLayout, section, type ModuleLayout } from './module-layout.ts';
import {
  SectionId,
  readExports,
  readSections,
  skipImportDescription,
  type SectionSpan,
} from './module-outline.ts';
import { WasmReader, malformed } from './wasm-reader.ts';
import { WasmWriter } from './wasm-writer.ts';

/** Bump when the rewritten output changes, so cached rewrites are not reused. */
export const REWRITER_VERSION = 'metering-2';

const EXPORT_KIND = { function: 0x00, table: 0x01, global: 0x03 } as const;
const I64 = 0x7e;
const MUTABLE = 0x01;
/** Section order of the binary format (custom sections may sit anywhere). */
const SECTION_ORDER: number[] = [
  SectionId.type,
  SectionId.import,
  SectionId.function,
  SectionId.table,
  SectionId.memory,
  SectionId.tag,
  SectionId.global,
  SectionId.export,
  SectionId.start,
  SectionId.element,
  SectionId.dataCount,
  SectionId.code,
  SectionId.data,
];
const rank = (id: number): number => SECTION_ORDER.indexOf(id);

/**
 * Produces the metered module: imports METERING_IMPORT (after the module's own function
 * imports, so defined functions shift by one), adds the counter and limit globals, meters every
 * function body and exports the table, the stack pointer, the counter and the limit.
 */
export function rewriteModule(bytes: Uint8Array): Uint8Array {
  const sections = readSections(bytes);
  const nameSpan = sections.find((s) => s.id === SectionId.custom && s.name === 'name');
  const globalNames =
    nameSpan === undefined
      ? new Map()
      : readGlobalNames(bytes, nameSpan.contentStart!, nameSpan.end);
  const layout = readLayout(bytes, sections, globalNames);
  refuseReservedExports(bytes, section(layout, SectionId.export));

  const importedFunctions = layout.importedFunctions;
  const remap = (index: number): number => (index >= importedFunctions ? index + 1 : index);
  const counterGlobal = layout.globals.length;
  const limitGlobal = counterGlobal + 1;
  const emptyType = layout.types.findIndex((t) => t.params === 0 && t.results === 0);
  const limitExceededType = emptyType >= 0 ? emptyType : layout.types.length;

  const replacements = new Map<number, Uint8Array>();
  replacements.set(SectionId.type, typeSection(bytes, layout, emptyType < 0));
  replacements.set(SectionId.import, importSection(bytes, layout, limitExceededType));
  replacements.set(
    SectionId.global,
    rewriteGlobalSection(bytes, section(layout, SectionId.global), remap, [
      encodeGlobal([0x42, 0x00]),
      encodeGlobal([0x42, 0x7f]),
    ]),
  );
  replacements.set(
    SectionId.export,
    rewriteExportSection(
      bytes,
      section(layout, SectionId.export),
      remap,
      newExports(layout, counterGlobal, limitGlobal),
    ),
  );
  const start = section(layout, SectionId.start);
  if (start) replacements.set(SectionId.start, rewriteStartSection(bytes, start, remap));
  const element = section(layout, SectionId.element);
  if (element) replacements.set(SectionId.element, rewriteElementSection(bytes, element, remap));
  const code = section(layout, SectionId.code);
  if (code || layout.functionTypes.length > 0) {
    if (!code) throw malformed(bytes.length, 'a code section for the declared functions');
    replacements.set(
      SectionId.code,
      rewriteCodeSection(bytes, code.start, code.end, {
        paramCounts: layout.functionTypes.map((t) => paramCount(layout, t)),
        counterGlobal,
        limitGlobal,
        limitExceededFunction: importedFunctions,
        remapFunction: remap,
        chargeBulkMemoryBytes: !layout.memory64,
      }),
    );
  }
  return assemble(bytes, sections, replacements, remap);
}

function assemble(
  bytes: Uint8Array,
  sections: SectionSpan[],
  replacements: Map<number, Uint8Array>,
  remap: (index: number) => number,
): Uint8Array {
  const out = new WasmWriter(bytes.length + (bytes.length >> 2));
  out.bytes(bytes.subarray(0, 8));
  const pending = [...replacements.keys()]
    .filter((id) => !sections.some((s) => s.id === id))
    .sort((a, b) => rank(a) - rank(b));
  for (const span of sections) {
    if (span.id === SectionId.custom) {
      if (span.name === 'name') {
        const names = rewriteNameSection(bytes, span.contentStart!, span.end, remap);
        if (names) out.section(SectionId.custom, names);
      } else {
        out.section(SectionId.custom, bytes.subarray(span.start, span.end));
      }
      continue;
    }
    while (pending.length > 0 && rank(pending[0]!) < rank(span.id)) {
      const id = pending.shift()!;
      out.section(id, replacements.get(id)!);
    }
    out.section(span.id, replacements.get(span.id) ?? bytes.subarray(span.start, span.end));
  }
  for (const id of pending) out.section(id, replacements.get(id)!);
  return out.finish();
}

function typeSection(bytes: Uint8Array, layout: ModuleLayout, addEmptyType: boolean): Uint8Array {
  const span = section(layout, SectionId.type);
  const out = new WasmWriter();
  out.u32(layout.types.length + (addEmptyType ? 1 : 0));
  if (span) {
    const reader = new WasmReader(bytes, span.start, span.end);
    reader.u32();
    out.bytes(bytes.subarray(reader.pos, span.end));
  }
  if (addEmptyType) out.bytes(new Uint8Array([0x60, 0x00, 0x00]));
  return out.finish();
}

/** The module's imports with METERING_IMPORT inserted right after its last function import. */
function importSection(bytes: Uint8Array, layout: ModuleLayout, typeIndex: number): Uint8Array {
  const span = section(layout, SectionId.import);
  const meteringImport = new WasmWriter(64);
  meteringImport.name(METERING_IMPORT.module);
  meteringImport.name(METERING_IMPORT.name);
  meteringImport.byte(0x00);
  meteringImport.u32(typeIndex);

  const out = new WasmWriter((span ? span.end - span.start : 0) + 64);
  if (!span) {
    out.u32(1);
    out.bytes(meteringImport.view());
    return out.finish();
  }
  const reader = new WasmReader(bytes, span.start, span.end);
  const count = reader.u32();
  out.u32(count + 1);
  let functionsSeen = 0;
  let inserted = layout.importedFunctions === 0;
  if (inserted) out.bytes(meteringImport.view());
  for (let i = 0; i < count; i++) {
    const entryStart = reader.pos;
    reader.skip(reader.u32());
    reader.skip(reader.u32());
    const kind = reader.u8();
    skipImportDescription(reader, kind);
    out.bytes(bytes.subarray(entryStart, reader.pos));
    if (kind === 0x00 && ++functionsSeen === layout.importedFunctions && !inserted) {
      out.bytes(meteringImport.view());
      inserted = true;
    }
  }
  return out.finish();
}

function encodeGlobal(initExpression: number[]): Uint8Array {
  return new Uint8Array([I64, MUTABLE, ...initExpression, 0x0b]);
}

function newExports(
  layout: ModuleLayout,
  counterGlobal: number,
  limitGlobal: number,
): Uint8Array[] {
  const entries: Uint8Array[] = [];
  const add = (name: string, kind: number, index: number): void => {
    const entry = new WasmWriter(64);
    entry.name(name);
    entry.byte(kind);
    entry.u32(index);
    entries.push(entry.finish());
  };
  if (layout.hasTable) add(TABLE_EXPORT, EXPORT_KIND.table, 0);
  const stackPointer = findStackPointer(layout);
  if (stackPointer !== undefined) add(STACK_POINTER_EXPORT, EXPORT_KIND.global, stackPointer);
  add(INSTRUCTIONS_EXPORT, EXPORT_KIND.global, counterGlobal);
  add(INSTRUCTION_LIMIT_EXPORT, EXPORT_KIND.global, limitGlobal);
  return entries;
}

function refuseReservedExports(bytes: Uint8Array, span: SectionSpan | undefined): void {
  const reserved = new Set([
    TABLE_EXPORT,
    STACK_POINTER_EXPORT,
    INSTRUCTIONS_EXPORT,
    INSTRUCTION_LIMIT_EXPORT,
  ]);
  const clash = readExports(bytes, span).find((e) => reserved.has(e.name));
  if (clash) {
    throw new InvalidModuleError(
      'WASM_UNSUPPORTED',
      `export name "${clash.name}" is reserved by localnet; expected a module without __localnet_* exports`,
    );
  }
}

function paramCount(layout: ModuleLayout, typeIndex: number): number {
  const type = layout.types[typeIndex];
  if (!type)
    throw malformed(0, `a function type index below ${layout.types.length}, found ${typeIndex}`);
  return type.params;
}
