import type { Principal } from '@dfinity/principal';

/**
 * An order-preserving, prefix-free byte encoding of index values: comparing
 * the bytes compares the values. Supports null, booleans, bigint (|v| < 2^64),
 * numbers (as float64), text, blobs, principals and arrays (compared element
 * by element). One indexed field should hold one kind of value.
 */
const NULL = 0x01;
const FALSE = 0x02;
const TRUE = 0x03;
const NEGATIVE_INT = 0x10;
const NON_NEGATIVE_INT = 0x11;
const FLOAT = 0x13;
const TEXT = 0x20;
const BYTES = 0x21;
const PRINCIPAL = 0x22;
const ARRAY = 0x30;
const END = 0x00;

const encoder = new TextEncoder();

function escaped(out: number[], bytes: Uint8Array): void {
  for (const byte of bytes) {
    out.push(byte);
    if (byte === 0x00) out.push(0xff);
  }
  out.push(0x00, 0x00);
}

function uint64(out: number[], value: bigint, invert: boolean): void {
  for (let shift = 56n; shift >= 0n; shift -= 8n) {
    const byte = Number((value >> shift) & 0xffn);
    out.push(invert ? 0xff - byte : byte);
  }
}

function write(out: number[], value: unknown): void {
  if (value === null || value === undefined) return void out.push(NULL);
  if (value === false) return void out.push(FALSE);
  if (value === true) return void out.push(TRUE);
  if (typeof value === 'bigint') {
    const magnitude = value < 0n ? -value : value;
    if (magnitude >= 1n << 64n) throw new Error(`index value ${value} is outside ±2^64`);
    out.push(value < 0n ? NEGATIVE_INT : NON_NEGATIVE_INT);
    return uint64(out, magnitude, value < 0n);
  }
  if (typeof value === 'number') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value === 0 ? 0 : value);
    let bits = view.getBigUint64(0);
    bits = value < 0 ? ~bits & 0xffff_ffff_ffff_ffffn : bits | (1n << 63n);
    out.push(FLOAT);
    return uint64(out, bits, false);
  }
  if (typeof value === 'string') {
    out.push(TEXT);
    return escaped(out, encoder.encode(value));
  }
  if (value instanceof Uint8Array) {
    out.push(BYTES);
    return escaped(out, value);
  }
  if (Array.isArray(value)) {
    out.push(ARRAY);
    for (const item of value) write(out, item);
    return void out.push(END);
  }
  if ((value as { _isPrincipal?: boolean })._isPrincipal === true) {
    out.push(PRINCIPAL);
    return escaped(out, (value as Principal).toUint8Array());
  }
  throw new Error(`cannot index a value of type ${typeof value}`);
}

export function orderedEncode(value: unknown): Uint8Array {
  const out: number[] = [];
  write(out, value);
  return Uint8Array.from(out);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
