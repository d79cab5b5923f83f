/**
 * UTF-8 conversions that stay cheap inside an Azle canister. There, TextEncoder and TextDecoder
 * are a pure-JS polyfill (~14 k instructions per character) and any per-character JS loop costs
 * ~3.6 k, while native built-ins cost ~100-500 per character: text is turned into bytes by Azle's
 * native `candidEncode` (a Candid text literal), bytes into text by `String.fromCharCode` and
 * `decodeURIComponent`. In Node (tests, tools) the platform's TextEncoder/TextDecoder are used.
 */
interface AzleNative {
  candidEncode(candid: string): Uint8Array;
}

const nodeEncoder = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;
// Keeps a leading U+FEFF, as the canister path does (TextDecoder drops it by default).
const nodeDecoder =
  typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { ignoreBOM: true }) : undefined;
const CHUNK = 8192;

function azle(): AzleNative | undefined {
  return (globalThis as { _azleIc?: AzleNative })._azleIc;
}

/** Each byte as one char (U+0000-U+00FF): such strings compare like the bytes. */
export function binaryString(bytes: Uint8Array): string {
  if (bytes.length <= CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let text = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const part = bytes.subarray(start, start + CHUNK);
    text += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return text;
}

/** The bytes of a binary string (chars U+0000-U+00FF). */
export function bytesOfBinaryString(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A Candid text literal `("…")`: only `"` and `\` need escaping; raw control characters are allowed. */
function candidLiteral(text: string): string {
  let escaped = text;
  if (escaped.indexOf('\\') !== -1) escaped = escaped.split('\\').join('\\\\');
  if (escaped.indexOf('"') !== -1) escaped = escaped.split('"').join('\\"');
  return `("${escaped}")`;
}

/** Skips Candid's `DIDL 00 01 71` and the LEB128 length of a single text argument. */
function textOfCandid(candid: Uint8Array): Uint8Array {
  let offset = 7;
  while ((candid[offset]! & 0x80) !== 0) offset++;
  return candid.subarray(offset + 1);
}

/**
 * UTF-8 of `text`. `literal` may pass an already escaped Candid literal `("…")` of the same text
 * (JSON.stringify of a JSON text is one). Lone surrogates become U+FFFD, as with TextEncoder.
 */
export function utf8Bytes(text: string, literal?: string): Uint8Array {
  const native = azle();
  if (native === undefined) return nodeEncoder!.encode(text);
  try {
    return textOfCandid(native.candidEncode(literal ?? candidLiteral(text)));
  } catch {
    return utf8BytesSlowly(text);
  }
}

/** Text of UTF-8 bytes; `ascii` says the caller knows every byte is below 0x80. */
export function utf8Text(bytes: Uint8Array, ascii = false): string {
  if (azle() === undefined) return nodeDecoder!.decode(bytes);
  const binary = binaryString(bytes);
  if (ascii) return binary;
  try {
    return decodeURIComponent(escape(binary));
  } catch {
    return utf8TextSlowly(bytes);
  }
}

function utf8BytesSlowly(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000)
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
  }
  return Uint8Array.from(out);
}

/** The WHATWG decoder: each maximal invalid subpart becomes one U+FFFD (only for foreign bytes). */
function utf8TextSlowly(bytes: Uint8Array): string {
  const codes: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i++]!;
    if (first < 0x80) {
      codes.push(first);
      continue;
    }
    let needed = 0;
    let code = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) [needed, code] = [1, first & 0x1f];
    else if (first >= 0xe0 && first <= 0xef) {
      [needed, code] = [2, first & 0x0f];
      if (first === 0xe0) lower = 0xa0;
      if (first === 0xed) upper = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      [needed, code] = [3, first & 0x07];
      if (first === 0xf0) lower = 0x90;
      if (first === 0xf4) upper = 0x8f;
    } else {
      codes.push(0xfffd);
      continue;
    }
    let complete = true;
    for (let seen = 0; seen < needed; seen++) {
      const next = bytes[i];
      if (next === undefined || next < lower || next > upper) {
        complete = false;
        break;
      }
      code = (code << 6) | (next & 0x3f);
      [lower, upper] = [0x80, 0xbf];
      i++;
    }
    if (!complete) codes.push(0xfffd);
    else if (code >= 0x10000) {
      code -= 0x10000;
      codes.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else codes.push(code);
  }
  let text = '';
  for (let start = 0; start < codes.length; start += CHUNK) {
    text += String.fromCharCode.apply(null, codes.slice(start, start + CHUNK));
  }
  return text;
}
