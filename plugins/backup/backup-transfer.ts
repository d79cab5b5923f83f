import {
  sealManifest,
  type BackupManifest,
  type BackupPlan,
  type ChunkRef,
} from './manifest-seal.ts';
import { sha256Hex } from './sha256.ts';

/**
 * Off-chain side of the backup protocol (Node or browser): downloads a canister's backup and
 * restores it into a canister, through any actor that has the backup plugin's methods (for
 * example one created from a canister's generated bindings). Does not import the canister runtime.
 */
type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
type Bytes = Uint8Array | number[];

export interface BackupActor {
  backup_plan(): Promise<Reply<BackupPlan>>;
  backup_export_chunk(
    request: Omit<ChunkRef, 'bytes'>,
  ): Promise<Reply<{ data: Bytes; sha256: string }>>;
  backup_confirm(manifest: BackupManifest): Promise<Reply<null>>;
  backup_import_begin(manifest: BackupManifest): Promise<Reply<null>>;
  backup_import_chunk(
    index: number,
    data: Uint8Array,
  ): Promise<Reply<{ received: number; total: number }>>;
  backup_import_commit(): Promise<Reply<{ stores: number; entries: number; done: boolean }>>;
}

export interface DownloadedBackup {
  manifest: BackupManifest;
  chunks: Uint8Array[];
}

/** Thrown when a canister refuses a step, or a downloaded chunk is not what the plan said. */
export class BackupTransferError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BackupTransferError';
  }
}

function ok<T>(reply: Reply<T>, step: string): T {
  if ('Err' in reply)
    throw new BackupTransferError(reply.Err.code, `${step}: ${reply.Err.message}`);
  return reply.Ok;
}

/**
 * Downloads every chunk of the canister's backup plan, checks each one's size and sha256, and
 * seals the manifest. With `confirm`, tells the canister the backup is taken (its write counter
 * restarts; refused with BACKUP_STALE when a write happened since the plan).
 */
export async function downloadBackup(
  actor: BackupActor,
  options: { confirm?: boolean } = {},
): Promise<DownloadedBackup> {
  const plan = ok(await actor.backup_plan(), 'backup_plan');
  const chunks: Uint8Array[] = [];
  const hashes: string[] = [];
  for (const [index, ref] of plan.chunks.entries()) {
    const { store, start, count } = ref;
    const chunk = ok(
      await actor.backup_export_chunk({ store, start, count }),
      `backup_export_chunk ${index}`,
    );
    const data = Uint8Array.from(chunk.data);
    const hash = sha256Hex(data);
    if (data.length !== ref.bytes || hash !== chunk.sha256) {
      throw new BackupTransferError(
        'BACKUP_CHUNK_CORRUPT',
        `chunk ${index} of ${store}: expected ${ref.bytes} bytes with sha256 ${chunk.sha256}, ` +
          `found ${data.length} bytes with sha256 ${hash}`,
      );
    }
    chunks.push(data);
    hashes.push(hash);
  }
  const manifest = sealManifest(plan, hashes);
  if (options.confirm) ok(await actor.backup_confirm(manifest), 'backup_confirm');
  return { manifest, chunks };
}

/**
 * Restores a downloaded backup: the canister verifies the manifest and every chunk, then commits
 * in bounded steps (staging into import shadows, then swapping every store at once) until done.
 */
export async function restoreBackup(
  actor: BackupActor,
  backup: DownloadedBackup,
): Promise<{ stores: number; entries: number; steps: number }> {
  ok(await actor.backup_import_begin(backup.manifest), 'backup_import_begin');
  for (const [index, data] of backup.chunks.entries()) {
    ok(await actor.backup_import_chunk(index, data), `backup_import_chunk ${index}`);
  }
  for (let steps = 1; ; steps += 1) {
    const step = ok(await actor.backup_import_commit(), 'backup_import_commit');
    if (step.done) return { stores: step.stores, entries: step.entries, steps };
  }
}
