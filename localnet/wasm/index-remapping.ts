import { skipImmediates } from './instruction-immediates.ts';
import { skipValueType } from './module-outline.ts';
import { WasmReader, malformed } from './wasm-reader.ts';
import { WasmWriter } from './wasm-writer.ts';

/**
 * Copies the sections that name function indices, shifting those indices because the
 * metering import is inserted after the module's own function imports.
 */
export type RemapFunction = (index: number) => number;

const REF_FUNC = 0xd2;
const END = 0x0b;

/** Copies one constant expression up to and including its `end`, remapping `ref.func`. */
export function copyConstExpression(
  reader: WasmReader,
  out: WasmWriter,
  remap: RemapFunction,
): void {
  for (;;) {
    const at = reader.pos;
    const opcode = reader.u8();
    if (opcode === REF_FUNC) {
      out.byte(REF_FUNC);
      out.u32(remap(reader.u32()));
      continue;
    }
    skipImmediates(reader, opcode);
    out.bytes(reader.bytes.subarray(at, reader.pos));
    if (opcode === END) return;
  }
}

/** Global section: the original globals (init expressions remapped) plus `extra` encoded ones. */
export function rewriteGlobalSection(
  bytes: Uint8Array,
  span: { start: number; end: number } | undefined,
  remap: RemapFunction,
  extra: Uint8Array[],
): Uint8Array {
  const out = new WasmWriter();
  if (span === undefined) {
    out.u32(extra.length);
  } else {
    const reader = new WasmReader(bytes, span.start, span.end);
    const count = reader.u32();
    out.u32(count + extra.length);
    for (let i = 0; i < count; i++) {
      const typeStart = reader.pos;
      skipValueType(reader);
      reader.u8();
      out.bytes(bytes.subarray(typeStart, reader.pos));
      copyConstExpression(reader, out, remap);
    }
  }
  for (const global of extra) out.bytes(global);
  return out.finish();
}

/** Export section: original exports with function indices remapped, plus `extra` encoded ones. */
export function rewriteExportSection(
  bytes: Uint8Array,
  span: { start: number; end: number } | undefined,
  remap: RemapFunction,
  extra: Uint8Array[],
): Uint8Array {
  const out = new WasmWriter();
  if (span === undefined) {
    out.u32(extra.length);
  } else {
    const reader = new WasmReader(bytes, span.start, span.end);
    const count = reader.u32();
    out.u32(count + extra.length);
    for (let i = 0; i < count; i++) {
      const nameStart = reader.pos;
      reader.skip(reader.u32());
      const kind = reader.u8();
      out.bytes(bytes.subarray(nameStart, reader.pos));
      const index = reader.u32();
      out.u32(kind === 0x00 ? remap(index) : index);
    }
  }
  for (const entry of extra) out.bytes(entry);
  return out.finish();
}

export function rewriteStartSection(
  bytes: Uint8Array,
  span: { start: number; end: number },
  remap: RemapFunction,
): Uint8Array {
  const out = new WasmWriter(8);
  out.u32(remap(new WasmReader(bytes, span.start, span.end).u32()));
  return out.finish();
}

/** Element section, all eight segment encodings (function-index vectors and expressions). */
export function rewriteElementSection(
  bytes: Uint8Array,
  span: { start: number; end: number },
  remap: RemapFunction,
): Uint8Array {
  const reader = new WasmReader(bytes, span.start, span.end);
  const out = new WasmWriter(span.end - span.start + 64);
  const count = reader.u32();
  out.u32(count);
  for (let i = 0; i < count; i++) {
    const flags = reader.u32();
    out.u32(flags);
    if (flags > 7) throw malformed(reader.pos, `an element segment kind 0-7, found ${flags}`);
    if (flags === 2 || flags === 6) out.u32(reader.u32());
    if ((flags & 0x01) === 0) copyConstExpression(reader, out, remap);
    const usesExpressions = (flags & 0x04) !== 0;
    if (flags !== 0 && flags !== 4) {
      const typeStart = reader.pos;
      if (usesExpressions) skipValueType(reader);
      else reader.u8();
      out.bytes(bytes.subarray(typeStart, reader.pos));
    }
    const items = reader.u32();
    out.u32(items);
    for (let item = 0; item < items; item++) {
      if (usesExpressions) copyConstExpression(reader, out, remap);
      else out.u32(remap(reader.u32()));
    }
  }
  return out.finish();
}

/**
 * Name section: function names (1), local names (2) and label names (3) are keyed by function
 * index and get remapped; other subsections are copied. Returns undefined when the section is
 * malformed, so the caller drops it (engines ignore a bad name section too).
 */
export function rewriteNameSection(
  bytes: Uint8Array,
  start: number,
  end: number,
  remap: RemapFunction,
): Uint8Array | undefined {
  try {
    const reader = new WasmReader(bytes, start, end);
    const out = new WasmWriter(end - start + 64);
    out.name('name');
    while (!reader.done) {
      const id = reader.u8();
      const size = reader.u32();
      const payloadStart = reader.pos;
      reader.skip(size);
      if (id < 1 || id > 3) {
        out.section(id, bytes.subarray(payloadStart, reader.pos));
        continue;
      }
      const sub = new WasmReader(bytes, payloadStart, reader.pos);
      const payload = new WasmWriter(size + 16);
      const entries = sub.u32();
      payload.u32(entries);
      for (let i = 0; i < entries; i++) {
        payload.u32(remap(sub.u32()));
        const restStart = sub.pos;
        if (id === 1) {
          sub.skip(sub.u32());
        } else {
          for (let inner = sub.u32(); inner > 0; inner--) {
            sub.u32();
            sub.skip(sub.u32());
          }
        }
        payload.bytes(bytes.subarray(restStart, sub.pos));
      }
      out.section(id, payload.view());
    }
    return out.finish();
  } catch {
    return undefined;
  }
}

/** Global names (name subsection 7), for finding `__stack_pointer`. */
export function readGlobalNames(
  bytes: Uint8Array,
  start: number,
  end: number,
): Map<number, string> {
  const names = new Map<number, string>();
  try {
    const reader = new WasmReader(bytes, start, end);
    while (!reader.done) {
      const id = reader.u8();
      const size = reader.u32();
      if (id !== 7) {
        reader.skip(size);
        continue;
      }
      const sub = new WasmReader(bytes, reader.pos, reader.pos + size);
      for (let entries = sub.u32(); entries > 0; entries--) {
        const index = sub.u32();
        names.set(index, sub.name());
      }
      return names;
    }
  } catch {
    // A malformed name section only means the stack pointer is found by its type instead.
  }
  return names;
}
