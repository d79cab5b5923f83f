import { utf8Bytes } from '../stores/text-bytes.ts';

/**
 * The bytes of one reply value: binary parts go straight into a growing buffer; texts are only
 * collected, and `finish` converts all of them to UTF-8 with one native call and splices each
 * (length, bytes) in where it belongs.
 */
export class ReplyWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  length = 0;
  readonly texts: string[] = [];
  /** Where each text's length and bytes go, as offsets in `buffer`. */
  readonly textAt: number[] = [];

  reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
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
  leb(value: number): void {
    this.reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }
  fixed(bits: number, signed: boolean, value: unknown): void {
    this.reserve(8);
    const at = this.length;
    if (bits === 64) {
      const big = BigInt(value as bigint | number);
      if (signed) this.view.setBigInt64(at, big, true);
      else this.view.setBigUint64(at, big, true);
    } else if (bits === 32) {
      if (signed) this.view.setInt32(at, value as number, true);
      else this.view.setUint32(at, value as number, true);
    } else if (bits === 16) {
      if (signed) this.view.setInt16(at, value as number, true);
      else this.view.setUint16(at, value as number, true);
    } else if (signed) this.view.setInt8(at, value as number);
    else this.view.setUint8(at, value as number);
    this.length += bits / 8;
  }
  float(bits: number, value: number): void {
    this.reserve(8);
    if (bits === 32) this.view.setFloat32(this.length, value, true);
    else this.view.setFloat64(this.length, value, true);
    this.length += bits / 8;
  }
  text(value: string): void {
    this.texts.push(value);
    this.textAt.push(this.length);
  }

  /** The value's bytes: binary parts with each text's length and UTF-8 spliced in. */
  finish(prefix: Uint8Array): Uint8Array {
    if (this.texts.length === 0) return concat(prefix, this.buffer.subarray(0, this.length));
    const joined = this.texts.join('');
    const utf8 = utf8Bytes(joined);
    let lengths: number[];
    if (utf8.length === joined.length) lengths = this.texts.map((t) => t.length);
    else {
      lengths = this.texts.map(utf8Length);
      if (lengths.reduce((sum, n) => sum + n, 0) !== utf8.length)
        return this.finishOneByOne(prefix);
    }
    const head = new ReplyWriter();
    head.bytes(prefix);
    let copied = 0;
    let textOffset = 0;
    this.texts.forEach((_, i) => {
      head.bytes(this.buffer.subarray(copied, this.textAt[i]));
      copied = this.textAt[i]!;
      head.leb(lengths[i]!);
      head.bytes(utf8.subarray(textOffset, textOffset + lengths[i]!));
      textOffset += lengths[i]!;
    });
    head.bytes(this.buffer.subarray(copied, this.length));
    return head.buffer.slice(0, head.length);
  }

  /** Texts whose joint encoding differs from their separate ones (split surrogate pairs). */
  private finishOneByOne(prefix: Uint8Array): Uint8Array {
    const head = new ReplyWriter();
    head.bytes(prefix);
    let copied = 0;
    this.texts.forEach((text, i) => {
      head.bytes(this.buffer.subarray(copied, this.textAt[i]));
      copied = this.textAt[i]!;
      const utf8 = utf8Bytes(text);
      head.leb(utf8.length);
      head.bytes(utf8);
    });
    head.bytes(this.buffer.subarray(copied, this.length));
    return head.buffer.slice(0, head.length);
  }
}

function utf8Length(text: string): number {
  try {
    return unescape(encodeURIComponent(text)).length;
  } catch {
    return utf8Bytes(text).length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
