import type { Principal } from '@dfinity/principal';

import { binaryString, utf8Bytes } from './text-bytes.ts';

/**
 * An order-preserving, prefix-free encoding of index values as binary strings (one char per
 * byte, U+0000-U+00FF): comparing the strings with `<` compares the values, and the bytes are
 * those indexes have always stored. Supports null, booleans, bigint (|v| < 2^64), numbers (as
 * float64), text, blobs, principals and arrays (compared element by element). One indexed field
 * should hold one kind of value. Strings rather than byte arrays, because QuickJS builds and
 * compares strings natively while every byte handled in JS costs thousands of instructions.
 */
const NULL = '\x01';
const FALSE = '\x02';
const TRUE = '\x03';
const NEGATIVE_INT = '\x10';
const NON_NEGATIVE_INT = '\x11';
const FLOAT = '\x13';
const TEXT = '\x20';
const BYTES = '\x21';
const PRINCIPAL = '\x22';
const ARRAY = '\x30';
const END = '\x00';

const float = new DataView(new ArrayBuffer(8));

/** 0x00 inside the value becomes 0x00 0xFF; 0x00 0x00 ends it, so a prefix sorts first. */
function escaped(binary: string): string {
  const body = binary.indexOf('\x00') === -1 ? binary : binary.split('\x00').join('\x00\xff');
  return `${body}\x00\x00`;
}

/** UTF-8 of text as a binary string (natively; lone surrogates go the slow way). */
function utf8Binary(text: string): string {
  try {
    return unescape(encodeURIComponent(text));
  } catch {
    return binaryString(utf8Bytes(text));
  }
}

function uint64(value: bigint, invert: boolean): string {
  let out = '';
  for (let shift = 56n; shift >= 0n; shift -= 8n) {
    const byte = Number((value >> shift) & 0xffn);
    out += String.fromCharCode(invert ? 0xff - byte : byte);
  }
  return out;
}

function floatBits(value: number): string {
  float.setFloat64(0, value === 0 ? 0 : value);
  const negative = value < 0;
  let out = '';
  for (let i = 0; i < 8; i++) {
    let byte = float.getUint8(i);
    if (negative) byte = 0xff - byte;
    else if (i === 0) byte |= 0x80;
    out += String.fromCharCode(byte);
  }
  return out;
}

function write(value: unknown): string {
  if (value === null || value === undefined) return NULL;
  if (value === false) return FALSE;
  if (value === true) return TRUE;
  if (typeof value === 'number') return FLOAT + floatBits(value);
  if (typeof value === 'string') return TEXT + escaped(utf8Binary(value));
  if (typeof value === 'bigint') {
    const magnitude = value < 0n ? -value : value;
    if (magnitude >= 1n << 64n) throw new Error(`index value ${value} is outside ±2^64`);
    return value < 0n
      ? NEGATIVE_INT + uint64(magnitude, true)
      : NON_NEGATIVE_INT + uint64(magnitude, false);
  }
  if (value instanceof Uint8Array) return BYTES + escaped(binaryString(value));
  if (Array.isArray(value)) {
    let out = ARRAY;
    for (const item of value) out += write(item);
    return out + END;
  }
  if ((value as { _isPrincipal?: boolean })._isPrincipal === true) {
    return PRINCIPAL + escaped(binaryString((value as Principal).toUint8Array()));
  }
  throw new Error(`cannot index a value of type ${typeof value}`);
}

export function orderedEncode(value: unknown): string {
  return write(value);
}
