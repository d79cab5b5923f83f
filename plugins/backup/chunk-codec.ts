/** A store entry as raw bytes: the key and value exactly as the store keeps them. */
export type RawEntry = [Uint8Array, Uint8Array];

const LENGTH_BYTES = 4;

/** Bytes one entry takes in a chunk: two 32-bit lengths, the key and the value. */
export function entrySize([key, value]: RawEntry): number {
  return 2 * LENGTH_BYTES + key.length + value.length;
}

/** Chunk layout: for each entry, u32 key length, key, u32 value length, value (big-endian). */
export function encodeEntries(entries: readonly RawEntry[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((sum, entry) => sum + entrySize(entry), 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [key, value] of entries) {
    view.setUint32(at, key.length);
    out.set(key, at + LENGTH_BYTES);
    at += LENGTH_BYTES + key.length;
    view.setUint32(at, value.length);
    out.set(value, at + LENGTH_BYTES);
    at += LENGTH_BYTES + value.length;
  }
  return out;
}

/** The inverse of encodeEntries; throws a plain Error naming the offset when the bytes are cut short. */
export function decodeEntries(bytes: Uint8Array): RawEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: RawEntry[] = [];
  let at = 0;
  const take = (): Uint8Array => {
    if (at + LENGTH_BYTES > bytes.length) throw new Error(`length prefix cut short at byte ${at}`);
    const length = view.getUint32(at);
    const start = at + LENGTH_BYTES;
    if (start + length > bytes.length) {
      throw new Error(
        `field of ${length} bytes at byte ${start} runs past the end (${bytes.length})`,
      );
    }
    at = start + length;
    return bytes.slice(start, at);
  };
  while (at < bytes.length) entries.push([take(), take()]);
  return entries;
}
