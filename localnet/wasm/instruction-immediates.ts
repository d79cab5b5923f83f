import { InvalidModuleError } from './invalid-module-error.ts';
import { skipValueType } from './module-outline.ts';
import type { WasmReader } from './wasm-reader.ts';

/**
 * Skips the immediates of the instruction whose first byte `opcode` was just read.
 * Returns the opcode, or for prefixed instructions (0xFC, 0xFD, 0xFE) `prefix << 16 | sub`.
 * Covers the MVP, sign-ext, sat-trunc, bulk memory, reference types, multi-value, tail calls,
 * exceptions, SIMD, relaxed SIMD, threads and typed function references; GC (0xFB) is refused.
 */
export function skipImmediates(reader: WasmReader, opcode: number): number {
  if (opcode >= 0x45 && opcode <= 0xc4) return opcode;
  if (opcode >= 0x28 && opcode <= 0x3e) {
    skipMemarg(reader);
    return opcode;
  }
  switch (opcode) {
    case 0x00:
    case 0x01:
    case 0x05:
    case 0x0a:
    case 0x0b:
    case 0x0f:
    case 0x19:
    case 0x1a:
    case 0x1b:
    case 0xd1:
    case 0xd3:
    case 0xd5:
      return opcode;
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x06:
      skipBlockType(reader);
      return opcode;
    case 0x07:
    case 0x08:
    case 0x09:
    case 0x0c:
    case 0x0d:
    case 0x10:
    case 0x12:
    case 0x14:
    case 0x15:
    case 0x18:
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x3f:
    case 0x40:
    case 0xd2:
    case 0xd4:
    case 0xd6:
      reader.u32();
      return opcode;
    case 0x0e:
      for (let targets = reader.u32(); targets >= 0; targets--) reader.u32();
      return opcode;
    case 0x11:
    case 0x13:
      reader.u32();
      reader.u32();
      return opcode;
    case 0x1c:
      for (let types = reader.u32(); types > 0; types--) skipValueType(reader);
      return opcode;
    case 0x1f:
      skipBlockType(reader);
      skipTryTableCatches(reader);
      return opcode;
    case 0x41:
    case 0x42:
      reader.skipLeb();
      return opcode;
    case 0x43:
      reader.skip(4);
      return opcode;
    case 0x44:
      reader.skip(8);
      return opcode;
    case 0xd0:
      reader.s33();
      return opcode;
    case 0xfc:
      return (0xfc << 16) | skipMiscImmediates(reader);
    case 0xfd:
      return (0xfd << 16) | skipSimdImmediates(reader);
    case 0xfe:
      return (0xfe << 16) | skipAtomicImmediates(reader);
    default:
      throw unsupported(reader, `opcode 0x${opcode.toString(16)}`);
  }
}

export function skipBlockType(reader: WasmReader): void {
  const first = reader.bytes[reader.pos];
  if (first === 0x63 || first === 0x64) {
    reader.u8();
    reader.s33();
    return;
  }
  reader.s33();
}

function skipMemarg(reader: WasmReader): void {
  const align = reader.u32();
  if (align & 0x40) reader.u32();
  reader.skipLeb();
}

function skipTryTableCatches(reader: WasmReader): void {
  for (let catches = reader.u32(); catches > 0; catches--) {
    const kind = reader.u8();
    if (kind === 0x00 || kind === 0x01) reader.u32();
    reader.u32();
  }
}

function skipMiscImmediates(reader: WasmReader): number {
  const sub = reader.u32();
  if (sub <= 7) return sub;
  switch (sub) {
    case 8:
    case 12:
    case 14:
      reader.u32();
      reader.u32();
      return sub;
    case 9:
    case 11:
    case 13:
    case 15:
    case 16:
    case 17:
      reader.u32();
      return sub;
    case 10:
      reader.u32();
      reader.u32();
      return sub;
    default:
      throw unsupported(reader, `opcode 0xfc ${sub}`);
  }
}

function skipSimdImmediates(reader: WasmReader): number {
  const sub = reader.u32();
  if (sub <= 11 || sub === 92 || sub === 93) {
    skipMemarg(reader);
  } else if (sub === 12 || sub === 13) {
    reader.skip(16);
  } else if (sub >= 21 && sub <= 34) {
    reader.u8();
  } else if (sub >= 84 && sub <= 91) {
    skipMemarg(reader);
    reader.u8();
  } else if (sub > 0x113) {
    throw unsupported(reader, `opcode 0xfd ${sub}`);
  }
  return sub;
}

function skipAtomicImmediates(reader: WasmReader): number {
  const sub = reader.u32();
  if (sub === 0x03) {
    reader.u8();
  } else if (sub <= 0x02 || (sub >= 0x10 && sub <= 0x4e)) {
    skipMemarg(reader);
  } else {
    throw unsupported(reader, `opcode 0xfe ${sub}`);
  }
  return sub;
}

function unsupported(reader: WasmReader, what: string): InvalidModuleError {
  return new InvalidModuleError(
    'WASM_UNSUPPORTED',
    `the metering rewriter does not know ${what} (near offset ${reader.pos}); expected Wasm 2.0 plus SIMD, threads, tail calls or exceptions`,
  );
}
