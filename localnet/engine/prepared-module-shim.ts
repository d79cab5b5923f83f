/**
 * TEMPORARY stand-in for localnet/wasm/prepare-module.ts until it lands: exports the table and
 * the stack pointer by patching the export section; no metering, no cache. Same interface.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import { InvalidModuleError } from '../wasm/invalid-module-error.ts';
import { STACK_POINTER_EXPORT, TABLE_EXPORT } from '../wasm/instrumentation-names.ts';

export interface PreparedModule {
  module: WebAssembly.Module;
  moduleHash: Uint8Array;
  wasmBytes: Uint8Array;
  imports: { module: string; name: string; kind: string }[];
  exports: string[];
  customSections: Map<string, Uint8Array>;
}

export async function prepareModule(
  bytes: Uint8Array,
  _options?: { cacheDir?: string },
): Promise<PreparedModule> {
  const moduleHash = new Uint8Array(createHash('sha256').update(bytes).digest());
  let wasm = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      wasm = new Uint8Array(gunzipSync(bytes));
    } catch (error) {
      throw new InvalidModuleError('WASM_BAD_GZIP', `gzip stream is damaged: ${String(error)}`);
    }
  }
  if (
    wasm.length < 8 ||
    wasm[0] !== 0 ||
    wasm[1] !== 0x61 ||
    wasm[2] !== 0x73 ||
    wasm[3] !== 0x6d
  ) {
    throw new InvalidModuleError('WASM_NOT_WASM', 'expected the Wasm magic bytes 00 61 73 6d');
  }
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(patchExports(wasm) as Uint8Array<ArrayBuffer>);
  } catch (error) {
    if (error instanceof InvalidModuleError) throw error;
    throw new InvalidModuleError('WASM_INVALID', (error as Error).message);
  }
  const customSections = new Map<string, Uint8Array>();
  for (const name of [
    'icp:public candid:service',
    'icp:private candid:args',
    'icp:public candid:args',
  ]) {
    const found = WebAssembly.Module.customSections(module, name);
    if (found.length > 0) customSections.set(name, new Uint8Array(found[0]!));
  }
  return {
    module,
    moduleHash,
    wasmBytes: bytes,
    imports: WebAssembly.Module.imports(module),
    exports: WebAssembly.Module.exports(module).map((e) => e.name),
    customSections,
  };
}

function readU32(bytes: Uint8Array, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length)
      throw new InvalidModuleError('WASM_TRUNCATED', 'module ends inside a number');
    const byte = bytes[at++]!;
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [result, at];
  }
}

function u32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function skipLeb(bytes: Uint8Array, at: number): number {
  while (bytes[at]! & 0x80) at++;
  return at + 1;
}

function patchExports(wasm: Uint8Array): Uint8Array {
  let at = 8;
  let exportSection: [number, number, number] | undefined;
  let tables = 0;
  let stackPointer: number | undefined;
  let importedGlobals = 0;
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    if (end > wasm.length)
      throw new InvalidModuleError('WASM_TRUNCATED', `section ${id} runs past the end`);
    if (id === 2) importedGlobals = countImportedGlobals(wasm, start);
    if (id === 4) tables = readU32(wasm, start)[0];
    if (id === 6) stackPointer = firstMutableI32Global(wasm, start, importedGlobals);
    if (id === 7) exportSection = [at, start, end];
    at = end;
  }
  const extra: number[] = [];
  let added = 0;
  const name = (text: string) => [...u32(text.length), ...Buffer.from(text)];
  if (tables > 0) {
    extra.push(...name(TABLE_EXPORT), 0x01, 0);
    added++;
  }
  if (stackPointer !== undefined) {
    extra.push(...name(STACK_POINTER_EXPORT), 0x03, ...u32(stackPointer));
    added++;
  }
  if (added === 0 || exportSection === undefined) return wasm;
  const [sectionAt, start, end] = exportSection;
  const [count, afterCount] = readU32(wasm, start);
  const body = [...u32(count + added), ...wasm.subarray(afterCount, end), ...extra];
  return new Uint8Array([
    ...wasm.subarray(0, sectionAt),
    7,
    ...u32(body.length),
    ...body,
    ...wasm.subarray(end),
  ]);
}

function countImportedGlobals(wasm: Uint8Array, start: number): number {
  let [count, at] = readU32(wasm, start);
  let globals = 0;
  while (count-- > 0) {
    for (let i = 0; i < 2; i++) {
      const [len, after] = readU32(wasm, at);
      at = after + len;
    }
    const kind = wasm[at++]!;
    if (kind === 0) at = skipLeb(wasm, at);
    else if (kind === 1) {
      at++;
      const flags = wasm[at++]!;
      at = skipLeb(wasm, at);
      if (flags & 1) at = skipLeb(wasm, at);
    } else if (kind === 2) {
      const flags = wasm[at++]!;
      at = skipLeb(wasm, at);
      if (flags & 1) at = skipLeb(wasm, at);
    } else if (kind === 3) {
      at += 2;
      globals++;
    }
  }
  return globals;
}

function firstMutableI32Global(
  wasm: Uint8Array,
  start: number,
  offset: number,
): number | undefined {
  const [count, first] = readU32(wasm, start);
  let at = first;
  for (let index = 0; index < count; index++) {
    const type = wasm[at]!;
    const mutable = wasm[at + 1]!;
    if (type === 0x7f && mutable === 1) return offset + index;
    at += 2;
    while (wasm[at] !== 0x0b) {
      const op = wasm[at++]!;
      if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) at = skipLeb(wasm, at);
      else if (op === 0xd0) at++;
    }
    at++;
  }
  return undefined;
}
