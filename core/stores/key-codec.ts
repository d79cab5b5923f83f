import { binaryString, utf8Bytes, utf8Text } from './text-bytes.ts';

/**
 * Primary keys are text or non-negative bigint. Their byte form sorts like
 * the keys themselves, so a stable map iterates in key order.
 */
export type StoreKey = string | bigint;

const TEXT = 0x74; // 't'
const NAT = 0x6e; // 'n'

export function encodeKey(key: StoreKey): Uint8Array {
  if (typeof key === 'string') {
    const utf8 = utf8Bytes(key);
    const bytes = new Uint8Array(utf8.length + 1);
    bytes[0] = TEXT;
    bytes.set(utf8, 1);
    return bytes;
  }
  if (key < 0n || key >= 1n << 64n) throw new Error(`store key ${key} is outside nat64`);
  const bytes = new Uint8Array(9);
  bytes[0] = NAT;
  new DataView(bytes.buffer).setBigUint64(1, key);
  return bytes;
}

export function decodeKey(bytes: Uint8Array): StoreKey {
  if (bytes[0] === TEXT) return utf8Text(bytes.subarray(1));
  if (bytes[0] === NAT && bytes.length === 9) {
    return new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(1);
  }
  throw new Error('store key bytes have an unknown form');
}

/** The key's bytes as a binary string (index entries); text keys skip the byte array. */
export function binaryKey(key: StoreKey): string {
  if (typeof key !== 'string') return binaryString(encodeKey(key));
  try {
    return `t${unescape(encodeURIComponent(key))}`;
  } catch {
    return binaryString(encodeKey(key));
  }
}

/** Concatenates byte parts, each prefixed by its 4-byte length, so the join is unambiguous. */
export function joinKeyParts(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + 4 + part.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    bytes.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return bytes;
}
