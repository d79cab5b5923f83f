const PAGE = 65536;
const MAGIC = 0x53504d31; // "SPM1"
/** A page file's header: magic, total pages, stored pages. */
export const PAGE_FILE_HEADER_BYTES = 12;

/**
 * Stable memory is mostly zero pages (Azle's memory manager reserves buckets it never writes):
 * store only the pages holding data. Layout: magic, total pages, stored pages (u32 LE each),
 * then per stored page its index (u32 LE) and its 64 KiB.
 */
export function encodeSparsePages(memory: Uint8Array): Uint8Array {
  const totalPages = Math.ceil(memory.length / PAGE);
  const stored = new Map<number, Uint8Array>();
  for (let page = 0; page < totalPages; page++) {
    const bytes = memory.subarray(page * PAGE, (page + 1) * PAGE);
    if (!isZero(bytes)) stored.set(page, bytes);
  }
  return encodePages(totalPages, stored);
}

/**
 * The same file as parts to write in order (header, then each page's index and its bytes as
 * views): no copy of the memory is made, so a large image costs no pause to encode.
 */
export function pageFileParts(
  totalPages: number,
  pages: ReadonlyMap<number, Uint8Array>,
): Uint8Array[] {
  const indexes = [...pages.keys()].sort((a, b) => a - b);
  const header = new Uint8Array(PAGE_FILE_HEADER_BYTES + indexes.length * 4);
  const view = new DataView(header.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, totalPages, true);
  view.setUint32(8, indexes.length, true);
  const parts: Uint8Array[] = [header.subarray(0, PAGE_FILE_HEADER_BYTES)];
  indexes.forEach((page, n) => {
    const at = PAGE_FILE_HEADER_BYTES + n * 4;
    view.setUint32(at, page, true);
    parts.push(header.subarray(at, at + 4), pages.get(page)!);
  });
  return parts;
}

/**
 * Overlays page files: a full file, then deltas (each holds the pages changed since the file
 * before it, zero pages included, and the memory's size at that time).
 */
export function overlayPageFiles(files: readonly Uint8Array[]): {
  totalPages: number;
  pages: Map<number, Uint8Array>;
  /** Pages held by the deltas (all files after the first). */
  deltaPages: number;
} {
  const merged = new Map<number, Uint8Array>();
  let totalPages = 0;
  let deltaPages = 0;
  for (const [n, file] of files.entries()) {
    const decoded = decodePageMap(file);
    totalPages = decoded.totalPages;
    if (n > 0) deltaPages += decoded.pages.size;
    for (const [page, bytes] of decoded.pages) {
      if (isZero(bytes)) merged.delete(page);
      else merged.set(page, bytes);
    }
    for (const page of merged.keys()) if (page >= totalPages) merged.delete(page);
  }
  return { totalPages, pages: merged, deltaPages };
}

/** The same file from pages already picked out (index → 64 KiB, any order). */
export function encodePages(
  totalPages: number,
  pages: ReadonlyMap<number, Uint8Array>,
): Uint8Array {
  const indexes = [...pages.keys()].sort((a, b) => a - b);
  const out = new Uint8Array(PAGE_FILE_HEADER_BYTES + indexes.length * (4 + PAGE));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, totalPages, true);
  view.setUint32(8, indexes.length, true);
  indexes.forEach((page, n) => {
    const at = PAGE_FILE_HEADER_BYTES + n * (4 + PAGE);
    view.setUint32(at, page, true);
    out.set(pages.get(page)!, at + 4);
  });
  return out;
}

export function decodeSparsePages(encoded: Uint8Array): Uint8Array {
  const { totalPages, pages } = decodePageMap(encoded);
  const memory = new Uint8Array(totalPages * PAGE);
  for (const [page, bytes] of pages) memory.set(bytes, page * PAGE);
  return memory;
}

/** The memory size in pages that a sparse page file's header gives (its first 12 bytes suffice). */
export function pageFileTotalPages(header: Uint8Array): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < PAGE_FILE_HEADER_BYTES || view.getUint32(0, true) !== MAGIC) {
    throw new Error(
      'LOCALNET_STATE_FORMAT: expected a sparse page file (magic SPM1); found other bytes',
    );
  }
  return view.getUint32(4, true);
}

/** The stored pages of a sparse page file, as views into `encoded` (nothing copied). */
export function decodePageMap(encoded: Uint8Array): {
  totalPages: number;
  pages: Map<number, Uint8Array>;
} {
  const totalPages = pageFileTotalPages(encoded);
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const count = view.getUint32(8, true);
  if (encoded.length !== PAGE_FILE_HEADER_BYTES + count * (4 + PAGE)) {
    throw new Error(
      `LOCALNET_STATE_FORMAT: expected ${PAGE_FILE_HEADER_BYTES + count * (4 + PAGE)} bytes for ${count} pages; found ${encoded.length}`,
    );
  }
  const pages = new Map<number, Uint8Array>();
  for (let n = 0; n < count; n++) {
    const at = PAGE_FILE_HEADER_BYTES + n * (4 + PAGE);
    pages.set(view.getUint32(at, true), encoded.subarray(at + 4, at + 4 + PAGE));
  }
  return { totalPages, pages };
}

export const ZERO_PAGE: Uint8Array = Buffer.alloc(PAGE);

/** memcmp against a zero page: fast enough to scan hundreds of MiB between messages. */
export function isZero(bytes: Uint8Array): boolean {
  if (bytes.length === PAGE) return (ZERO_PAGE as Buffer).equals(bytes);
  for (const byte of bytes) if (byte !== 0) return false;
  return true;
}
