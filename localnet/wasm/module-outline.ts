import { InvalidModuleError } from './invalid-module-error.ts';
import { WasmReader, malformed } from './wasm-reader.ts';

/** One section as found in the binary: id, and where its payload lies. */
export interface SectionSpan {
  id: number;
  start: number;
  end: number;
  /** Custom sections only. */
  name?: string;
  /** Custom sections only: where the bytes after the name start. */
  contentStart?: number;
}

export interface ImportEntry {
  module: string;
  name: string;
  kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

export interface ExportEntry {
  name: string;
  kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
  index: number;
}

export const SectionId = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

const KIND_NAMES = ['function', 'table', 'memory', 'global', 'tag'] as const;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const WASM_VERSION = [0x01, 0x00, 0x00, 0x00];

/** Checks the header and lists the sections without decoding their contents. */
export function readSections(bytes: Uint8Array): SectionSpan[] {
  if (bytes.length < 8) {
    if (WASM_MAGIC.every((b, i) => i >= bytes.length || bytes[i] === b) && bytes.length > 0) {
      throw new InvalidModuleError(
        'WASM_TRUNCATED',
        `the module ends early: expected an 8-byte header, found ${bytes.length} bytes`,
      );
    }
    throw notWasm(bytes);
  }
  if (!WASM_MAGIC.every((b, i) => bytes[i] === b)) throw notWasm(bytes);
  if (!WASM_VERSION.every((b, i) => bytes[i + 4] === b)) {
    throw new InvalidModuleError(
      'WASM_UNSUPPORTED',
      `expected Wasm binary version 1, found bytes ${hex(bytes.subarray(4, 8))}`,
    );
  }
  const reader = new WasmReader(bytes, 8);
  const sections: SectionSpan[] = [];
  while (!reader.done) {
    const id = reader.u8();
    const size = reader.u32();
    const start = reader.pos;
    reader.skip(size);
    const span: SectionSpan = { id, start, end: start + size };
    if (id === SectionId.custom) {
      const inner = new WasmReader(bytes, start, start + size);
      span.name = inner.name();
      span.contentStart = inner.pos;
    } else if (id > SectionId.tag) {
      throw malformed(start - 1, `a known section id (0-13), found ${id}`);
    }
    sections.push(span);
  }
  return sections;
}

export function readImports(bytes: Uint8Array, span: SectionSpan | undefined): ImportEntry[] {
  if (span === undefined) return [];
  const reader = new WasmReader(bytes, span.start, span.end);
  const imports: ImportEntry[] = [];
  for (let count = reader.u32(); count > 0; count--) {
    const module = reader.name();
    const name = reader.name();
    const kindByte = reader.u8();
    skipImportDescription(reader, kindByte);
    imports.push({ module, name, kind: kindName(kindByte, reader.pos) });
  }
  return imports;
}

export function readExports(bytes: Uint8Array, span: SectionSpan | undefined): ExportEntry[] {
  if (span === undefined) return [];
  const reader = new WasmReader(bytes, span.start, span.end);
  const exports: ExportEntry[] = [];
  for (let count = reader.u32(); count > 0; count--) {
    const name = reader.name();
    const kind = kindName(reader.u8(), reader.pos);
    exports.push({ name, kind, index: reader.u32() });
  }
  return exports;
}

/** Custom sections by name (a repeated name keeps the first, as the IC's metadata does). */
export function readCustomSections(
  bytes: Uint8Array,
  sections: SectionSpan[],
): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  for (const span of sections) {
    if (span.id !== SectionId.custom || found.has(span.name!)) continue;
    found.set(span.name!, bytes.slice(span.contentStart!, span.end));
  }
  return found;
}

export function skipImportDescription(reader: WasmReader, kindByte: number): void {
  switch (kindByte) {
    case 0x00:
      reader.u32();
      return;
    case 0x01:
      skipValueType(reader);
      skipLimits(reader);
      return;
    case 0x02:
      skipLimits(reader);
      return;
    case 0x03:
      skipValueType(reader);
      reader.u8();
      return;
    case 0x04:
      reader.u8();
      reader.u32();
      return;
    default:
      throw malformed(reader.pos, `an import kind 0-4, found ${kindByte}`);
  }
}

export interface Limits {
  memory64: boolean;
  /** In pages (or elements); 0 for 64-bit limits, which are skipped. */
  min: number;
  max: number | undefined;
}

/** Reads limits: 32-bit values, or just whether they describe a 64-bit memory. */
export function skipLimits(reader: WasmReader): Limits {
  const flags = reader.u8();
  const memory64 = (flags & 0x04) !== 0;
  if (memory64) {
    reader.skipLeb();
    if (flags & 0x01) reader.skipLeb();
    return { memory64, min: 0, max: undefined };
  }
  const min = reader.u32();
  return { memory64, min, max: flags & 0x01 ? reader.u32() : undefined };
}

/** Value types, including `(ref null? heaptype)` whose heap type follows. */
export function skipValueType(reader: WasmReader): void {
  const byte = reader.u8();
  if (byte === 0x63 || byte === 0x64) reader.s33();
}

function kindName(byte: number, at: number): ImportEntry['kind'] {
  const kind = KIND_NAMES[byte];
  if (kind === undefined) throw malformed(at, `an external kind 0-4, found ${byte}`);
  return kind;
}

function notWasm(bytes: Uint8Array): InvalidModuleError {
  return new InvalidModuleError(
    'WASM_NOT_WASM',
    `expected a Wasm module (bytes 00 61 73 6d) or gzip (1f 8b), found ${hex(bytes.subarray(0, 4)) || 'no bytes'}`,
  );
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
