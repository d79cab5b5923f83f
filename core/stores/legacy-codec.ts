import { Principal } from '@dfinity/principal';

import { utf8Bytes, utf8Text } from './text-bytes.ts';

/**
 * The first value format (tagged binary): still read, no longer written. Its first byte is a tag
 * 0-11, which tells it apart from the JSON format (codec.ts). Decoding it costs ~11 M instructions
 * for a calendar event in QuickJS (a JS loop per byte, BigInt varints), hence the JSON format.
 */
export const LAST_LEGACY_TAG = 11;

const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Float = 4,
  SmallInt = 5,
  BigInt = 6,
  Text = 7,
  Bytes = 8,
  Principal = 9,
  Array = 10,
  Object = 11,
}

class Writer {
  private buffer = new Uint8Array(64);
  private length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }
  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }
  /** Unsigned LEB128. */
  varint(value: bigint): void {
    let rest = value;
    do {
      let byte = Number(rest & 0x7fn);
      rest >>= 7n;
      if (rest !== 0n) byte |= 0x80;
      this.byte(byte);
    } while (rest !== 0n);
  }
  size(value: number): void {
    this.varint(BigInt(value));
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

class Reader {
  private offset = 0;
  constructor(private readonly data: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.data.length) throw new Error('codec: unexpected end of data');
    return this.data[this.offset++]!;
  }
  bytes(count: number): Uint8Array {
    if (this.offset + count > this.data.length) throw new Error('codec: unexpected end of data');
    const slice = this.data.slice(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  size(): number {
    return Number(this.varint());
  }
  done(): boolean {
    return this.offset === this.data.length;
  }
}

function isPrincipal(value: object): value is Principal {
  return (value as { _isPrincipal?: boolean })._isPrincipal === true;
}

function write(out: Writer, value: unknown): void {
  if (value === undefined) return out.byte(Tag.Undefined);
  if (value === null) return out.byte(Tag.Null);
  if (value === false) return out.byte(Tag.False);
  if (value === true) return out.byte(Tag.True);
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
      out.byte(Tag.SmallInt);
      return out.varint(value >= 0 ? BigInt(value) * 2n : BigInt(-value) * 2n - 1n);
    }
    out.byte(Tag.Float);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return out.bytes(new Uint8Array(view.buffer));
  }
  if (typeof value === 'bigint') {
    out.byte(Tag.BigInt);
    return out.varint(value >= 0n ? value * 2n : -value * 2n - 1n);
  }
  if (typeof value === 'string') {
    const utf8 = utf8Bytes(value);
    out.byte(Tag.Text);
    out.size(utf8.length);
    return out.bytes(utf8);
  }
  if (value instanceof Uint8Array) {
    out.byte(Tag.Bytes);
    out.size(value.length);
    return out.bytes(value);
  }
  if (Array.isArray(value)) {
    out.byte(Tag.Array);
    out.size(value.length);
    for (const item of value) write(out, item);
    return;
  }
  if (typeof value === 'object') {
    if (isPrincipal(value)) {
      const raw = value.toUint8Array();
      out.byte(Tag.Principal);
      out.size(raw.length);
      return out.bytes(raw);
    }
    const entries = Object.entries(value);
    out.byte(Tag.Object);
    out.size(entries.length);
    for (const [key, item] of entries) {
      write(out, key);
      write(out, item);
    }
    return;
  }
  throw new Error(`codec: cannot encode a value of type ${typeof value}`);
}

function unzigzag(value: bigint): bigint {
  return (value & 1n) === 0n ? value / 2n : -(value + 1n) / 2n;
}

function read(input: Reader): unknown {
  const tag = input.byte();
  switch (tag) {
    case Tag.Undefined:
      return undefined;
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.SmallInt:
      return Number(unzigzag(input.varint()));
    case Tag.Float:
      return new DataView(input.bytes(8).buffer).getFloat64(0);
    case Tag.BigInt:
      return unzigzag(input.varint());
    case Tag.Text:
      return utf8Text(input.bytes(input.size()));
    case Tag.Bytes:
      return input.bytes(input.size());
    case Tag.Principal:
      return Principal.fromUint8Array(input.bytes(input.size()));
    case Tag.Array: {
      const count = input.size();
      const items: unknown[] = [];
      for (let i = 0; i < count; i++) items.push(read(input));
      return items;
    }
    case Tag.Object: {
      const count = input.size();
      const result: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const key = read(input);
        if (typeof key !== 'string') throw new Error('codec: object key is not text');
        result[key] = read(input);
      }
      return result;
    }
    default:
      throw new Error(`codec: unknown tag ${tag}`);
  }
}

/** Writes the first format: only tests use it, to prove that old data stays readable. */
export function encodeLegacyValue(value: unknown): Uint8Array {
  const out = new Writer();
  write(out, value);
  return out.result();
}

/** Decodes a value of the first format (first byte 0-11). */
export function decodeLegacyValue(bytes: Uint8Array): unknown {
  const input = new Reader(bytes);
  const value = read(input);
  if (!input.done()) throw new Error('codec: trailing bytes after the value');
  return value;
}
