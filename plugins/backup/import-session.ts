import type { StoreExporter } from '../../core/index.ts';
import { decodeEntries, type RawEntry } from './chunk-codec.ts';
import { backupError } from './errors.ts';
import type { BackupManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';

/**
 * An import in progress: a verified manifest and the chunks uploaded so far,
 * held in heap memory (a restart drops them). Nothing touches the stores
 * until every chunk is uploaded and checked.
 */
export class ImportSession {
  private readonly chunks: (Uint8Array | undefined)[];

  constructor(readonly manifest: BackupManifest) {
    this.chunks = manifest.chunks.map(() => undefined);
  }

  received(): number {
    return this.chunks.filter((chunk) => chunk !== undefined).length;
  }

  /** Keeps a chunk only when its size and sha256 match the manifest. */
  accept(index: number, data: Uint8Array): void {
    const expected = this.manifest.chunks[index];
    if (expected === undefined) {
      throw backupError('BACKUP_CHUNK_CORRUPT', `the manifest has no chunk ${index}`, {
        expected: `0..${this.manifest.chunks.length - 1}`,
        found: String(index),
      });
    }
    if (data.length !== expected.bytes) {
      throw backupError('BACKUP_CHUNK_CORRUPT', `chunk ${index} has the wrong size`, {
        expected: `${expected.bytes} bytes`,
        found: `${data.length} bytes`,
      });
    }
    const hash = sha256Hex(data);
    if (hash !== expected.sha256) {
      throw backupError('BACKUP_CHUNK_CORRUPT', `chunk ${index} does not match its sha256`, {
        expected: expected.sha256,
        found: hash,
      });
    }
    this.chunks[index] = data;
  }

  /** Every store's entries, decoded and counted against the manifest; throws before any write. */
  entriesByStore(): Map<string, RawEntry[]> {
    const missing = this.chunks.flatMap((chunk, i) => (chunk === undefined ? [i] : []));
    if (missing.length > 0) {
      throw backupError('BACKUP_CHUNK_MISSING', `${missing.length} chunks are not uploaded yet`, {
        expected: `${this.chunks.length} chunks`,
        found: `missing ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
      });
    }
    const byStore = new Map(this.manifest.stores.map((s) => [s.name, [] as RawEntry[]]));
    this.manifest.chunks.forEach((ref, i) => {
      let entries: RawEntry[];
      try {
        entries = decodeEntries(this.chunks[i]!);
      } catch (error) {
        throw backupError('BACKUP_CHUNK_INVALID', `chunk ${i} does not decode`, {
          expected: 'length-prefixed key/value pairs',
          found: String(error),
        });
      }
      if (entries.length !== ref.count) {
        throw backupError('BACKUP_CHUNK_INVALID', `chunk ${i} holds another number of entries`, {
          expected: String(ref.count),
          found: String(entries.length),
        });
      }
      byStore.get(ref.store)!.push(...entries);
    });
    return byStore;
  }

  /**
   * Writes the next store of the manifest (one store per message: core's
   * importAll replaces a whole store, ~2 M instructions per entry). The first
   * step checks every chunk first, so a refusal there writes nothing; while
   * steps remain, the plugin's guard keeps other calls out, and a failed step
   * can be retried (importAll replaces, so a retry is idempotent).
   */
  commitStep(stores: StoreExporter): { written: number; entries: number; done: boolean } {
    this.pending ??= [...this.entriesByStore()];
    const next = this.pending[this.written];
    if (next !== undefined) {
      this.entries += stores.importAll(next[0], next[1]);
      this.written += 1;
    }
    return {
      written: this.written,
      entries: this.entries,
      done: this.written >= this.pending.length,
    };
  }

  private pending: [string, RawEntry[]][] | undefined;
  private written = 0;
  private entries = 0;
}
