/** UTF-8 encoding without TextEncoder/Buffer (not guaranteed inside a canister). */

export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Byte length of one code point's UTF-8 encoding. */
export function codePointByteLength(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

export function encodeUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(utf8ByteLength(text));
  let i = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes[i++] = code;
    else if (code < 0x800) {
      bytes[i++] = 0xc0 | (code >> 6);
      bytes[i++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[i++] = 0xe0 | (code >> 12);
      bytes[i++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[i++] = 0x80 | (code & 0x3f);
    } else {
      bytes[i++] = 0xf0 | (code >> 18);
      bytes[i++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[i++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[i++] = 0x80 | (code & 0x3f);
    }
  }
  return bytes;
}

/** Decodes UTF-8; malformed sequences become U+FFFD (`onInvalid` hears each one's byte index). */
export function decodeUtf8(bytes: Uint8Array, onInvalid?: (index: number) => void): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const b0 = bytes[i]!;
    let code = 0xfffd;
    let length = 1;
    if (b0 < 0x80) code = b0;
    else {
      length = b0 >= 0xf0 && b0 < 0xf5 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 && b0 < 0xe0 ? 2 : 1;
      if (length > 1 && i + length <= bytes.length) {
        let value = b0 & (0xff >> (length + 1));
        let valid = true;
        for (let j = 1; j < length; j++) {
          const b = bytes[i + j]!;
          if ((b & 0xc0) !== 0x80) valid = false;
          value = (value << 6) | (b & 0x3f);
        }
        const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
        if (valid && value >= minimum && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff))
          code = value;
        else length = 1;
      } else length = 1;
    }
    if (code === 0xfffd && length === 1 && onInvalid) onInvalid(i);
    chunk.push(code);
    if (chunk.length >= 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
    i += length;
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
