import { InvalidModuleError } from './invalid-module-error.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Cursor over Wasm bytes: LEB128 integers, names; every overrun is a WASM_TRUNCATED error. */
export class WasmReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw truncated(this.pos);
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128 up to 32 bits. */
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw malformed(this.pos, 'a LEB128 u32 longer than 5 bytes');
    }
    if (result > 0xffffffff) throw malformed(this.pos, 'a LEB128 value above u32');
    return result;
  }

  /** Signed LEB128 up to 33 bits (block types, heap types). */
  s33(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (shift > 35 && (byte & 0x80) !== 0) throw malformed(this.pos, 'a LEB128 s33 too long');
    } while (byte & 0x80);
    if (byte & 0x40) result -= 2 ** shift;
    return result;
  }

  /** Skips one LEB128 number of any width (i32/i64 constants, memarg offsets). */
  skipLeb(): void {
    let count = 0;
    while (this.u8() & 0x80) {
      if (++count > 10) throw malformed(this.pos, 'a LEB128 number longer than 10 bytes');
    }
  }

  skip(count: number): void {
    if (this.pos + count > this.end) throw truncated(this.end);
    this.pos += count;
  }

  bytesOf(count: number): Uint8Array {
    this.skip(count);
    return this.bytes.subarray(this.pos - count, this.pos);
  }

  name(): string {
    const length = this.u32();
    try {
      return utf8.decode(this.bytesOf(length));
    } catch (error) {
      if (error instanceof InvalidModuleError) throw error;
      throw malformed(this.pos, 'a name that is valid UTF-8');
    }
  }
}

export function truncated(at: number): InvalidModuleError {
  return new InvalidModuleError(
    'WASM_TRUNCATED',
    `the module ends early: expected more bytes at offset ${at}`,
  );
}

export function malformed(at: number, expected: string): InvalidModuleError {
  return new InvalidModuleError('WASM_MALFORMED', `expected ${expected} near offset ${at}`);
}
