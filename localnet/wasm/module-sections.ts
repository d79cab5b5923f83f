import { section, type ModuleLayout } from './module-layout.ts';
import { SectionId, skipImportDescription } from './module-outline.ts';
import { WasmReader } from './wasm-reader.ts';
import { WasmWriter } from './wasm-writer.ts';

const I64 = 0x7e;
const MUTABLE = 0x01;

/** The type section with an empty type (if asked) and `extraTypes` appended. */
export function typeSection(
  bytes: Uint8Array,
  layout: ModuleLayout,
  addEmptyType: boolean,
  extraTypes: Uint8Array[],
): Uint8Array {
  const span = section(layout, SectionId.type);
  const out = new WasmWriter();
  out.u32(layout.types.length + (addEmptyType ? 1 : 0) + extraTypes.length);
  if (span) {
    const reader = new WasmReader(bytes, span.start, span.end);
    reader.u32();
    out.bytes(bytes.subarray(reader.pos, span.end));
  }
  if (addEmptyType) out.bytes(new Uint8Array([0x60, 0x00, 0x00]));
  for (const type of extraTypes) out.bytes(type);
  return out.finish();
}

/** The module's imports with `added` (module, name, type) inserted after its last function import. */
export function importSection(
  bytes: Uint8Array,
  layout: ModuleLayout,
  added: [string, string, number][],
): Uint8Array {
  const span = section(layout, SectionId.import);
  const inserted = new WasmWriter(64);
  for (const [module, name, typeIndex] of added) {
    inserted.name(module);
    inserted.name(name);
    inserted.byte(0x00);
    inserted.u32(typeIndex);
  }
  const out = new WasmWriter((span ? span.end - span.start : 0) + 64);
  if (!span) {
    out.u32(added.length);
    out.bytes(inserted.view());
    return out.finish();
  }
  const reader = new WasmReader(bytes, span.start, span.end);
  const count = reader.u32();
  out.u32(count + added.length);
  let functionsSeen = 0;
  let done = layout.importedFunctions === 0;
  if (done) out.bytes(inserted.view());
  for (let i = 0; i < count; i++) {
    const entryStart = reader.pos;
    reader.skip(reader.u32());
    reader.skip(reader.u32());
    const kind = reader.u8();
    skipImportDescription(reader, kind);
    out.bytes(bytes.subarray(entryStart, reader.pos));
    if (kind === 0x00 && ++functionsSeen === layout.importedFunctions && !done) {
      out.bytes(inserted.view());
      done = true;
    }
  }
  return out.finish();
}

/** A mutable i64 global with the given init expression (without its `end`). */
export function encodeGlobal(initExpression: number[]): Uint8Array {
  return new Uint8Array([I64, MUTABLE, ...initExpression, 0x0b]);
}
