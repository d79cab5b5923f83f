import type { StoreExporter, StoreImporter } from '../../core/index.ts';
import { decodeEntries, type RawEntry } from './chunk-codec.ts';
import { backupError } from './errors.ts';
import type { BackupManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';
import type { WorkBudget } from './work-budget.ts';

type Stores = StoreExporter & StoreImporter;

/** clear: empty the shadows; stage: write chunks into them; swap: make them live; clean: drop the old records. */
export type ImportPhase = 'clear' | 'stage' | 'swap' | 'clean' | 'done';

export interface CommitProgress {
  phase: ImportPhase;
  /** Stores made live (all of the manifest's once swapped). */
  stores: number;
  /** Entries staged so far. */
  entries: number;
  /** True in the one step that swapped the stores. */
  swapped: boolean;
}

/**
 * An import in progress: a verified manifest, the chunks uploaded so far (heap: a restart drops
 * them, and the import begins again), and how far the commit got. Commit steps write only the
 * stores' import shadows until the one step that swaps every store of the manifest at once, so
 * a failure or a lost session before it leaves the stores exactly as they were.
 */
export class ImportSession {
  private readonly chunks: (Uint8Array | undefined)[];
  private phase: ImportPhase = 'clear';
  private store = 0;
  private chunk = 0;
  private offset = 0;
  private decoded: RawEntry[] | undefined;
  private entries = 0;
  private started = false;

  constructor(readonly manifest: BackupManifest) {
    this.chunks = manifest.chunks.map(() => undefined);
  }

  received(): number {
    return this.chunks.filter((chunk) => chunk !== undefined).length;
  }

  /** True once a commit step ran: from then until the swap, the canister serves backup calls only. */
  committing(): boolean {
    return this.started && this.phase !== 'clean' && this.phase !== 'done';
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

  /** One bounded step of the commit; call until the phase is `done`. */
  commitStep(stores: Stores, budget: WorkBudget): CommitProgress {
    if (this.phase === 'clear') this.assertComplete();
    this.started = true;
    const names = this.manifest.stores.map((s) => s.name);
    let swapped = false;
    while (this.phase !== 'done') {
      if (this.phase === 'swap') {
        this.swap(stores, names);
        swapped = true;
        continue;
      }
      const batch = budget.next();
      if (batch === 0) break;
      if (this.phase === 'stage') {
        budget.use(this.stageBatch(stores, batch));
        continue;
      }
      budget.use(batch);
      if (names.length === 0 || stores.clearStaged(names[this.store]!, batch) === 0) {
        this.nextStore(names.length);
      }
    }
    return {
      phase: this.phase,
      stores: this.phase === 'clean' || this.phase === 'done' ? names.length : 0,
      entries: this.entries,
      swapped,
    };
  }

  private nextStore(count: number): void {
    this.store += 1;
    if (this.store < count) return;
    this.store = 0;
    this.phase = this.phase === 'clear' ? 'stage' : 'done';
  }

  /** Stages up to `batch` entries of the current chunk; returns how many. */
  private stageBatch(stores: Stores, batch: number): number {
    const ref = this.manifest.chunks[this.chunk];
    if (ref === undefined) {
      this.phase = 'swap';
      return 0;
    }
    this.decoded ??= this.decode(this.chunk);
    const entries = this.decoded.slice(this.offset, this.offset + batch);
    stores.stage(ref.store, entries);
    this.offset += entries.length;
    this.entries += entries.length;
    if (this.offset >= this.decoded.length) {
      this.chunk += 1;
      this.offset = 0;
      this.decoded = undefined;
    }
    return entries.length;
  }

  /** Every store's shadow holds exactly its manifest count, then all become live in this message. */
  private swap(stores: Stores, names: string[]): void {
    for (const summary of this.manifest.stores) {
      const staged = stores.stagedCount(summary.name);
      if (BigInt(staged) !== summary.count) {
        throw backupError('BACKUP_CHUNK_INVALID', `store ${summary.name} staged another count`, {
          expected: `${summary.count} records`,
          found: `${staged} (repeated keys?)`,
        });
      }
    }
    for (const name of names) stores.swapStaged(name);
    this.phase = 'clean';
    this.store = 0;
    if (names.length === 0) this.phase = 'done';
  }

  private decode(index: number): RawEntry[] {
    const ref = this.manifest.chunks[index]!;
    let entries: RawEntry[];
    try {
      entries = decodeEntries(this.chunks[index]!);
    } catch (error) {
      throw backupError('BACKUP_CHUNK_INVALID', `chunk ${index} does not decode`, {
        expected: 'length-prefixed key/value pairs',
        found: String(error),
      });
    }
    if (entries.length !== ref.count) {
      throw backupError('BACKUP_CHUNK_INVALID', `chunk ${index} holds another number of entries`, {
        expected: String(ref.count),
        found: String(entries.length),
      });
    }
    return entries;
  }

  private assertComplete(): void {
    const missing = this.chunks.flatMap((chunk, i) => (chunk === undefined ? [i] : []));
    if (missing.length > 0) {
      throw backupError('BACKUP_CHUNK_MISSING', `${missing.length} chunks are not uploaded yet`, {
        expected: `${this.chunks.length} chunks`,
        found: `missing ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
      });
    }
  }
}
