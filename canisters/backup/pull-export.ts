import { isCanisterError, type Platform, type StableStore } from '../../core/index.ts';
import { sealManifest, sha256Hex } from '../../plugins/backup/index.ts';
import type { ChunkVault } from './chunk-vault.ts';
import type { ProtectedCalls } from './protected-calls.ts';
import { vaultError } from './vault-errors.ts';
import type { ProtectedCanister, Trigger } from './vault-model.ts';
import type { VersionBook } from './version-book.ts';

/** A pull that made no progress for this long was cut short (trap, upgrade): another may start. */
const ABANDONED_AFTER_NS = 600n * 1_000_000_000n;

/**
 * Pulls a protected canister's export into stable memory: plan, every chunk (checked against its
 * size and sha256 on arrival, stored at once), the sealed manifest, then backup_confirm. The
 * version is `pulling` until the last step and `complete` only after it, so a pull cut short by a
 * trap or an upgrade is never listed as restorable.
 */
export class ExportPuller {
  constructor(
    private readonly platform: Platform,
    private readonly calls: ProtectedCalls,
    private readonly versions: VersionBook,
    private readonly chunks: ChunkVault,
    private readonly targets: StableStore<ProtectedCanister>,
    private readonly afterSuccess: (canister: string) => void,
  ) {}

  async pull(canister: string, trigger: Trigger): Promise<bigint> {
    this.assertIdle(canister);
    const startedAt = this.platform.time();
    const { id } = this.versions.open({
      canister,
      kind: 'export',
      trigger,
      status: 'pulling',
      startedAt,
      updatedAt: startedAt,
      chunksStored: 0,
      bytes: 0n,
      records: 0n,
    });
    try {
      const plan = await this.calls.plan(canister);
      const hashes: string[] = [];
      let bytes = 0n;
      for (const [index, ref] of plan.chunks.entries()) {
        const chunk = await this.calls.exportChunk(canister, ref);
        const data = Uint8Array.from(chunk.data);
        const hash = sha256Hex(data);
        if (data.length !== ref.bytes || hash !== chunk.sha256) {
          throw vaultError('VAULT_CHUNK_CORRUPT', `chunk ${index} of ${canister} arrived damaged`, {
            expected: `${ref.bytes} bytes with sha256 ${chunk.sha256}`,
            found: `${data.length} bytes with sha256 ${hash}`,
          });
        }
        this.chunks.put(id, index, data);
        bytes += BigInt(data.length);
        hashes.push(hash);
        this.versions.update(id, {
          chunksStored: index + 1,
          bytes,
          updatedAt: this.platform.time(),
        });
      }
      const manifest = sealManifest(plan, hashes);
      await this.calls.confirm(canister, manifest);
      const finishedAt = this.platform.time();
      this.versions.update(id, {
        status: 'complete',
        manifest,
        finishedAt,
        updatedAt: finishedAt,
        records: plan.stores.reduce((sum, store) => sum + store.count, 0n),
      });
      this.versions.recordSuccess(canister, finishedAt, finishedAt - startedAt);
      this.markPulled(canister, finishedAt);
      this.afterSuccess(canister);
      return id;
    } catch (error) {
      const why = isCanisterError(error) ? `${error.code}: ${error.message}` : String(error);
      const now = this.platform.time();
      this.versions.update(id, { status: 'failed', error: why, updatedAt: now });
      this.chunks.drop(id, this.versions.require(id).chunksStored);
      this.versions.recordFailure(canister, now, why);
      this.markPulled(canister, now);
      if (isCanisterError(error) && error.code.startsWith('VAULT_')) throw error;
      throw vaultError('VAULT_PULL_FAILED', `backup of ${canister} failed: ${why}`);
    }
  }

  private markPulled(canister: string, at: bigint): void {
    const target = this.targets.get(canister);
    if (target !== undefined) this.targets.set(canister, { ...target, lastPullAt: at });
  }

  /** One pull per canister at a time; a pull silent for 10 minutes is marked failed. */
  private assertIdle(canister: string): void {
    const now = this.platform.time();
    for (const version of this.versions.of(canister, 'export')) {
      if (version.status !== 'pulling') continue;
      if (now - version.updatedAt < ABANDONED_AFTER_NS) {
        throw vaultError(
          'VAULT_BUSY',
          `a backup of ${canister} is being pulled (version ${version.id})`,
        );
      }
      this.versions.update(version.id, {
        status: 'failed',
        error: 'abandoned (no progress for 10 minutes)',
      });
      this.chunks.drop(version.id, version.chunksStored);
    }
  }
}
