import { sha256 } from './sha256.ts';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { Principal } from '@dfinity/principal';
import { compareBytes } from './bytes.ts';

/**
 * A value as it appears in a decoded request `content` (or a delegation):
 * blobs, text, naturals, arrays of those, and nested maps.
 */
export type HashableValue =
  | Uint8Array
  | string
  | number
  | bigint
  | Principal
  | readonly HashableValue[]
  | { readonly [key: string]: HashableValue | undefined };

/** Unsigned LEB128, shortest form. */
export function encodeLeb128(value: bigint | number): Uint8Array {
  let rest = BigInt(value);
  if (rest < 0n) throw new RangeError(`LEB128 needs a natural number; got ${rest}`);
  const out: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

/** Representation-independent hash of one value (spec "Representation-independent hashing"). */
export function hashValue(value: HashableValue): Uint8Array {
  if (value instanceof Uint8Array) return sha256(value);
  if (typeof value === 'string') return sha256(utf8ToBytes(value));
  if (typeof value === 'number' || typeof value === 'bigint') return sha256(encodeLeb128(value));
  if (value instanceof Principal) return sha256(value.toUint8Array());
  if (Array.isArray(value)) return sha256(concatBytes(...value.map(hashValue)));
  return hashOfMap(value as { readonly [key: string]: HashableValue | undefined });
}

/** Hash of a map: sorted `sha256(key) ‖ hash(value)` pairs, concatenated, hashed. Absent fields are skipped. */
export function hashOfMap(map: { readonly [key: string]: HashableValue | undefined }): Uint8Array {
  const pairs = Object.entries(map)
    .filter((entry): entry is [string, HashableValue] => entry[1] !== undefined)
    .map(([key, value]) => concatBytes(sha256(utf8ToBytes(key)), hashValue(value)))
    .sort(compareBytes);
  return sha256(concatBytes(...pairs));
}

/** The request id of a call, query or read_state `content`. */
export function requestIdOf(content: {
  readonly [key: string]: HashableValue | undefined;
}): Uint8Array {
  return hashOfMap(content);
}
