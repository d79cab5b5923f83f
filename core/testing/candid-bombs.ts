/**
 * Candid messages built to cost a decoder far more than their size (for tests and the fuzz
 * suite; never imported by canister code). Each is a whole argument message.
 */

/** LEB128 of a non-negative number. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 0x80);
  } while (n > 0);
  return out;
}

/** SLEB128 of a non-negative number. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const low = n & 0x7f;
    n = Math.floor(n / 0x80);
    if (n === 0 && (low & 0x40) === 0) return [...out, low];
    out.push(low | 0x80);
  }
}

const DIDL = [0x44, 0x49, 0x44, 0x4c];

/** One argument: `depth` opts nested around a null, filled to the bottom. */
export function deepOpt(depth: number): Uint8Array {
  const bytes = [...DIDL, ...leb(depth)];
  for (let i = 0; i < depth; i++) bytes.push(0x6e, ...(i === depth - 1 ? [0x7f] : sleb(i + 1)));
  bytes.push(1, 0, ...new Array<number>(depth).fill(1));
  return Uint8Array.from(bytes);
}

/** One argument `vec null` claiming `count` elements: no bytes on the wire for them. */
export function vecNullClaim(count = 2 ** 31): Uint8Array {
  return Uint8Array.from([...DIDL, 1, 0x6d, 0x7f, 1, 0, ...leb(count)]);
}

/** `count` nested empty vectors' types, a value one level deep: a large type table. */
export function wideTable(entries: number): Uint8Array {
  const bytes = [...DIDL, ...leb(entries)];
  for (let i = 0; i < entries; i++) bytes.push(0x6d, 0x7f);
  bytes.push(1, 0, 0);
  return Uint8Array.from(bytes);
}

/** A text claiming `length` bytes that are not there. */
export function truncatedText(length = 1_000_000): Uint8Array {
  return Uint8Array.from([...DIDL, 0, 1, 0x71, ...leb(length), 0x61]);
}
