/** Byte-wise lexicographic order; a proper prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

export function startsWithBytes(value: Uint8Array, prefix: Uint8Array): boolean {
  return value.length >= prefix.length && equalBytes(value.subarray(0, prefix.length), prefix);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError(`expected hex digits; got "${hex}"`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** A fresh, unpooled copy (some decoders ignore `byteOffset`). */
export function freshBytes(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes);
}
