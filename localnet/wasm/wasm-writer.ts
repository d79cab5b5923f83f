/** Growable byte buffer with the LEB128 encodings the rewriter emits. */
export class WasmWriter {
  private buffer: Uint8Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  bytes(values: Uint8Array): void {
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  u32(value: number): void {
    this.reserve(5);
    let rest = value >>> 0;
    do {
      let byte = rest & 0x7f;
      rest >>>= 7;
      if (rest !== 0) byte |= 0x80;
      this.buffer[this.length++] = byte;
    } while (rest !== 0);
  }

  /** Signed LEB128 of a non-negative or negative safe integer (i64.const immediates). */
  sleb(value: number): void {
    this.reserve(10);
    let rest = value;
    for (;;) {
      const byte = ((rest % 128) + 128) % 128;
      rest = Math.floor(rest / 128);
      const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
      this.buffer[this.length++] = done ? byte : byte | 0x80;
      if (done) return;
    }
  }

  /** Reserves a 5-byte LEB128 slot to fill in later with `patchPadded`. Returns its offset. */
  reservePadded(): number {
    this.reserve(5);
    const at = this.length;
    this.length += 5;
    return at;
  }

  /**
   * Writes `value` (0 ≤ value < 2^34) as a 5-byte LEB128 at `at`; the padded form reads the
   * same as an unsigned u32 and as a non-negative signed i64.
   */
  patchPadded(at: number, value: number): void {
    let rest = value;
    for (let i = 0; i < 4; i++) {
      this.buffer[at + i] = (rest % 128) | 0x80;
      rest = Math.floor(rest / 128);
    }
    this.buffer[at + 4] = rest;
  }

  /**
   * Writes `value` (non-negative) as a minimal signed LEB128 into a one-byte slot at `at`,
   * moving the bytes after the slot up when it needs more than one byte.
   */
  patchSignedIntoByte(at: number, value: number): void {
    const bytes: number[] = [];
    let rest = value;
    for (;;) {
      const byte = rest % 128;
      rest = Math.floor(rest / 128);
      if (rest === 0 && (byte & 0x40) === 0) {
        bytes.push(byte);
        break;
      }
      bytes.push(byte | 0x80);
    }
    const extra = bytes.length - 1;
    if (extra > 0) {
      this.reserve(extra);
      this.buffer.copyWithin(at + 1 + extra, at + 1, this.length);
      this.length += extra;
    }
    this.buffer.set(bytes, at);
  }

  /** Removes `[from, to)`, moving later bytes down (used on small tails only). */
  cut(from: number, to: number): void {
    this.buffer.copyWithin(from, to, this.length);
    this.length -= to - from;
  }

  name(text: string): void {
    const encoded = new TextEncoder().encode(text);
    this.u32(encoded.length);
    this.bytes(encoded);
  }

  /** Appends `payload` as a section: id, LEB length, bytes. */
  section(id: number, payload: Uint8Array): void {
    this.byte(id);
    this.u32(payload.length);
    this.bytes(payload);
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
