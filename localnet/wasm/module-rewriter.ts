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
  DIRTY_PAGES_EXPORT,
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  MEMORY_PAGES_EXPORT,
  METERING_IMPORT,
  STACK_POINTER_EXPORT,
  TABLE_EXPORT,
} from './instrumentation-names.ts';
import { InvalidModuleError } from './invalid-module-error.ts';
import { findStackPointer, readLayout, section, type ModuleLayout } from './module-layout.ts';
import { SectionId, readExports, readSections, type SectionSpan } from './module-outline.ts';
import {
  functionSectionWithGrow,
  growBody,
  pagesGlobal,
  tableSectionWithDirtyTable,
  trackingImports,
  TRACKING_TYPES,
} from './tracking-sections.ts';
import { malformed } from './wasm-reader.ts';
import { encodeGlobal, importSection, typeSection } from './module-sections.ts';
import { WasmWriter } from './wasm-writer.ts';
import { UntrackableWrite, type TrackingTargets } from './write-tracking.ts';

/** Bump when the rewritten output changes, so cached rewrites are not reused. */
export const REWRITER_VERSION = 'metering-3-dirty-pages';

const EXPORT_KIND = { function: 0x00, table: 0x01, global: 0x03 } as const;
/** Imported functions the rewrite inserts: metering, and page_dirtied/range_dirtied if tracked. */
const TRACKED_IMPORTS = 3;
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
 * A 32-bit memory module also gets write tracking (write-tracking.ts): two more imports, the
 * dirty-page table, the logical memory size and its grow helper. Modules that write memory with
 * atomics, or use a 64-bit memory, are rewritten without it.
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
  if (layout.memory && !layout.memory64) {
    try {
      return rewriteWith(bytes, sections, layout, true);
    } catch (error) {
      if (!(error instanceof UntrackableWrite)) throw error;
    }
  }
  return rewriteWith(bytes, sections, layout, false);
}

function rewriteWith(
  bytes: Uint8Array,
  sections: SectionSpan[],
  layout: ModuleLayout,
  tracked: boolean,
): Uint8Array {
  const importedFunctions = layout.importedFunctions;
  const shift = tracked ? TRACKED_IMPORTS : 1;
  const remap = (index: number): number => (index >= importedFunctions ? index + shift : index);
  const counterGlobal = layout.globals.length;
  const limitGlobal = counterGlobal + 1;
  const emptyType = layout.types.findIndex((t) => t.params === 0 && t.results === 0);
  const limitExceededType = emptyType >= 0 ? emptyType : layout.types.length;
  const firstTrackingType = layout.types.length + (emptyType < 0 ? 1 : 0);
  const tracking: TrackingTargets | undefined = tracked
    ? {
        dirtyTable: layout.tableCount,
        pageDirtiedFunction: importedFunctions + 1,
        rangeDirtiedFunction: importedFunctions + 2,
        growFunction: importedFunctions + shift + layout.functionTypes.length,
        pagesGlobal: limitGlobal + 1,
      }
    : undefined;
  const extraImports = tracked ? trackingImports(firstTrackingType) : [];

  const replacements = new Map<number, Uint8Array>();
  replacements.set(
    SectionId.type,
    typeSection(bytes, layout, emptyType < 0, tracked ? TRACKING_TYPES : []),
  );
  replacements.set(
    SectionId.import,
    importSection(bytes, layout, [
      [METERING_IMPORT.module, METERING_IMPORT.name, limitExceededType],
      ...extraImports,
    ]),
  );
  replacements.set(
    SectionId.global,
    rewriteGlobalSection(bytes, section(layout, SectionId.global), remap, [
      encodeGlobal([0x42, 0x00]),
      encodeGlobal([0x42, 0x7f]),
      ...(tracked ? [pagesGlobal(layout)] : []),
    ]),
  );
  replacements.set(
    SectionId.export,
    rewriteExportSection(
      bytes,
      section(layout, SectionId.export),
      remap,
      newExports(layout, counterGlobal, limitGlobal, tracking),
    ),
  );
  if (tracked) {
    replacements.set(SectionId.table, tableSectionWithDirtyTable(bytes, layout));
    replacements.set(
      SectionId.function,
      functionSectionWithGrow(bytes, layout, firstTrackingType + 2),
    );
  }
  const start = section(layout, SectionId.start);
  if (start) replacements.set(SectionId.start, rewriteStartSection(bytes, start, remap));
  const element = section(layout, SectionId.element);
  if (element) replacements.set(SectionId.element, rewriteElementSection(bytes, element, remap));
  const code = section(layout, SectionId.code);
  if (code || layout.functionTypes.length > 0 || tracked) {
    if (!code && layout.functionTypes.length > 0)
      throw malformed(bytes.length, 'a code section for the declared functions');
    replacements.set(
      SectionId.code,
      rewriteCodeSection(bytes, code?.start ?? 0, code?.end ?? 0, {
        paramCounts: layout.functionTypes.map((t) => paramCount(layout, t)),
        counterGlobal,
        limitGlobal,
        limitExceededFunction: importedFunctions,
        remapFunction: remap,
        chargeBulkMemoryBytes: !layout.memory64,
        tracking,
        extraBodies: tracking ? [growBody(layout, tracking.pagesGlobal)] : [],
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

function newExports(
  layout: ModuleLayout,
  counterGlobal: number,
  limitGlobal: number,
  tracking: TrackingTargets | undefined,
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
  if (tracking) {
    add(DIRTY_PAGES_EXPORT, EXPORT_KIND.table, tracking.dirtyTable);
    add(MEMORY_PAGES_EXPORT, EXPORT_KIND.global, tracking.pagesGlobal);
  }
  return entries;
}

function refuseReservedExports(bytes: Uint8Array, span: SectionSpan | undefined): void {
  const reserved = new Set([
    TABLE_EXPORT,
    STACK_POINTER_EXPORT,
    INSTRUCTIONS_EXPORT,
    INSTRUCTION_LIMIT_EXPORT,
    DIRTY_PAGES_EXPORT,
    MEMORY_PAGES_EXPORT,
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
