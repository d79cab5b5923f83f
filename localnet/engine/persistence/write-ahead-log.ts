import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER_BYTES = 8;
const SEGMENT = /^segment-(\d{12})\.wal$/;

/**
 * An append-only log in segment files (`segment-<first seq>.wal`). Each record is framed as
 * length (u32 LE), CRC-32 of the payload (u32 LE), payload. `append` buffers; `flush` writes
 * everything buffered and fsyncs once (group commit: the records of every round that finished
 * meanwhile share one fsync). Reading stops a segment at its first torn or corrupt record.
 */
export class WriteAheadLog {
  private file: FileHandle | undefined;
  private buffered: Uint8Array[] = [];
  private writing: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;
  fsyncs = 0;

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<WriteAheadLog> {
    await mkdir(dir, { recursive: true });
    return new WriteAheadLog(dir);
  }

  /** Every intact record of every segment, oldest first, and how many torn tails were dropped. */
  async readAll(): Promise<{ records: Uint8Array[]; dropped: number }> {
    const records: Uint8Array[] = [];
    let dropped = 0;
    for (const name of await this.segments()) {
      const read = unframe(new Uint8Array(await readFile(join(this.dir, name))));
      records.push(...read.records);
      if (read.torn) dropped++;
    }
    return { records, dropped };
  }

  /** Later appends go to a new segment whose records all have `firstSeq` or more. */
  startSegment(firstSeq: number): Promise<void> {
    return this.serially(async () => {
      await this.file?.close();
      const name = `segment-${String(firstSeq).padStart(12, '0')}.wal`;
      this.file = await open(join(this.dir, name), 'a');
    });
  }

  append(payload: Uint8Array): void {
    this.buffered.push(frame(payload));
  }

  /** Resolves once every record appended before the call is on disk. */
  flush(): Promise<void> {
    this.pending ??= this.serially(async () => {
      this.pending = undefined;
      const records = this.buffered.splice(0);
      if (records.length === 0 || !this.file) return;
      await this.file.write(Buffer.concat(records));
      await this.file.datasync();
      this.fsyncs++;
    });
    return this.pending;
  }

  /** Deletes the segments that start before `firstSeq` (a checkpoint holds their effects). */
  async removeSegmentsBefore(firstSeq: number): Promise<void> {
    for (const name of await this.segments()) {
      if (Number(SEGMENT.exec(name)![1]) < firstSeq)
        await rm(join(this.dir, name), { force: true });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.serially(async () => {
      await this.file?.close();
      this.file = undefined;
    });
  }

  private async segments(): Promise<string[]> {
    return (await readdir(this.dir)).filter((name) => SEGMENT.test(name)).sort();
  }

  private serially(job: () => Promise<void>): Promise<void> {
    const next = this.writing.then(job);
    this.writing = next.catch(() => undefined);
    return next;
  }
}

export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint32(4, crc32(payload), true);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** The intact records of one segment; `torn` when bytes after the last intact record were dropped. */
export function unframe(bytes: Uint8Array): { records: Uint8Array[]; torn: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let at = 0;
  while (at + HEADER_BYTES <= bytes.length) {
    const length = view.getUint32(at, true);
    const end = at + HEADER_BYTES + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(at + HEADER_BYTES, end);
    if (crc32(payload) !== view.getUint32(at + 4, true)) break;
    records.push(payload);
    at = end;
  }
  return { records, torn: at !== bytes.length };
}
