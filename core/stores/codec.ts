import { Principal } from '@dfinity/principal';

import { decodeLegacyValue, LAST_LEGACY_TAG } from './legacy-codec.ts';
import { binaryString, bytesOfBinaryString, utf8Bytes, utf8Text } from './text-bytes.ts';

/**
 * Stored values: one header byte, then the UTF-8 of a JSON text. JSON.stringify and JSON.parse
 * are native in QuickJS, ~40× cheaper than any encoding walked in JS (a calendar event: ~0.5 M
 * instructions each way instead of ~11 M). Values JSON cannot hold are written as tagged objects
 * `{"\u0000": kind, "v": …}`: bigint, undefined inside arrays, NaN/±Infinity/-0, Uint8Array,
 * Principal, and objects that themselves have a "\u0000" key. Undefined object properties are
 * left out. The header says whether tags occur (decoding then needs a reviver) and whether the
 * text is pure ASCII (decoding then needs no UTF-8 conversion). Values of the first, binary
 * format (header 0-11) are still read.
 */
const JSON_FORMAT = 0x40;
const TAGGED = 0x01;
const NOT_ASCII = 0x02;
const TAG = '\u0000';

let tagsWritten = false;
const UNDEFINED_JSON = JSON.stringify({ [TAG]: 'u', v: 0 });

type Tagged = { [TAG]: string; v: unknown };
const tag = (kind: string, v: unknown): Tagged => {
  tagsWritten = true;
  return { [TAG]: kind, v };
};

function replacer(this: unknown, key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && (value !== 0 || 1 / value > 0)) return value;
      return tag('f', Object.is(value, -0) ? '-0' : String(value));
    case 'bigint':
      return tag('n', value.toString());
    case 'undefined':
      return Array.isArray(this) ? tag('u', 0) : undefined;
    case 'object': {
      if (value === null || Array.isArray(value)) return value;
      if (value instanceof Uint8Array) return tag('y', binaryString(value));
      const raw = (this as Record<string, unknown>)[key];
      if ((raw as { _isPrincipal?: boolean } | undefined)?._isPrincipal === true) {
        return tag('p', (raw as Principal).toText());
      }
      if (Object.prototype.hasOwnProperty.call(value, TAG)) return tag('o', Object.entries(value));
      return value;
    }
    default:
      throw new Error(`codec: cannot encode a value of type ${typeof value}`);
  }
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const kind = (value as Partial<Tagged>)[TAG];
  if (kind === undefined) return value;
  const v = (value as Tagged).v;
  switch (kind) {
    case 'n':
      return BigInt(v as string);
    case 'u':
      return undefined;
    case 'f':
      return v === '-0' ? -0 : Number(v);
    case 'y':
      return bytesOfBinaryString(v as string);
    case 'p':
      return Principal.fromText(v as string);
    case 'o':
      return Object.fromEntries(v as [string, unknown][]);
    default:
      throw new Error(`codec: unknown tag '${kind}'`);
  }
}

export function encodeValue(value: unknown): Uint8Array {
  tagsWritten = value === undefined;
  return written(tagsWritten ? UNDEFINED_JSON : JSON.stringify(value, replacer));
}

/**
 * encodeValue for values the caller guarantees to be plain JSON (objects, arrays, finite numbers,
 * strings, booleans, null): no replacer runs, which saves a JS call per value.
 */
export function encodePlainJson(value: unknown): Uint8Array {
  tagsWritten = false;
  return written(JSON.stringify(value));
}

function written(json: string): Uint8Array {
  // JSON.stringify of a JSON text is a valid Candid text literal: it escapes only `"` and `\`.
  const utf8 = utf8Bytes(json, `(${JSON.stringify(json)})`);
  const bytes = new Uint8Array(utf8.length + 1);
  bytes[0] =
    JSON_FORMAT | (tagsWritten ? TAGGED : 0) | (utf8.length === json.length ? 0 : NOT_ASCII);
  bytes.set(utf8, 1);
  return bytes;
}

export function decodeValue(bytes: Uint8Array): unknown {
  const header = bytes[0];
  if (header === undefined) throw new Error('codec: no bytes to decode');
  if (header <= LAST_LEGACY_TAG) return decodeLegacyValue(bytes);
  if ((header & ~(TAGGED | NOT_ASCII)) !== JSON_FORMAT) {
    throw new Error(`codec: unknown format byte ${header}`);
  }
  const json = utf8Text(bytes.subarray(1), (header & NOT_ASCII) === 0);
  return (header & TAGGED) === 0 ? JSON.parse(json) : JSON.parse(json, reviver);
}
