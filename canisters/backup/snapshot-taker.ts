import {
  IDL,
  isCanisterError,
  type Platform,
  Principal,
  type StableStore,
} from '../../core/index.ts';
import { vaultError } from './vault-errors.ts';
import type { ProtectedCanister, Trigger } from './vault-model.ts';
import type { VersionBook } from './version-book.ts';

const SnapshotIdl = IDL.Record({
  id: IDL.Vec(IDL.Nat8),
  taken_at_timestamp: IDL.Nat64,
  total_size: IDL.Nat64,
});
interface Snapshot {
  id: Uint8Array | number[];
  taken_at_timestamp: bigint;
  total_size: bigint;
}

const hex = (bytes: Uint8Array | number[]) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * IC canister snapshots as a second kind of backup. The IC keeps only a few snapshots per
 * canister, so once the canister holds `keepSnapshots` (or the IC's limit), the oldest is
 * replaced in the same call (`replace_snapshot`) rather than refused.
 */
export class SnapshotTaker {
  constructor(
    private readonly platform: Platform,
    private readonly versions: VersionBook,
    private readonly targets: StableStore<ProtectedCanister>,
  ) {}

  async take(canister: string, trigger: Trigger): Promise<bigint> {
    const target = this.targets.get(canister)!;
    const keep = Math.max(1, target.policy.keepSnapshots);
    const startedAt = this.platform.time();
    try {
      const existing = await this.management<Snapshot[]>(
        'list_canister_snapshots',
        canister,
        {},
        IDL.Vec(SnapshotIdl),
      );
      const oldest = [...existing].sort((a, b) =>
        a.taken_at_timestamp < b.taken_at_timestamp ? -1 : 1,
      )[0];
      const replace =
        existing.length >= keep && oldest !== undefined ? Uint8Array.from(oldest.id) : undefined;
      const taken = await this.management<Snapshot>(
        'take_canister_snapshot',
        canister,
        { replace_snapshot: replace === undefined ? [] : [replace] },
        SnapshotIdl,
        { replace_snapshot: IDL.Opt(IDL.Vec(IDL.Nat8)) },
      );
      const finishedAt = this.platform.time();
      if (replace !== undefined) this.forget(canister, hex(replace));
      const version = this.versions.open({
        canister,
        kind: 'snapshot',
        trigger,
        status: 'complete',
        startedAt,
        updatedAt: finishedAt,
        finishedAt,
        chunksStored: 0,
        bytes: taken.total_size,
        records: 0n,
        snapshotId: hex(taken.id),
      });
      this.versions.recordSuccess(canister, finishedAt, finishedAt - startedAt);
      return version.id;
    } catch (error) {
      const why = isCanisterError(error) ? error.message : String(error);
      this.versions.recordFailure(canister, this.platform.time(), `snapshot: ${why}`);
      throw vaultError('VAULT_SNAPSHOT_FAILED', `snapshot of ${canister} failed: ${why}`);
    }
  }

  /** The replaced snapshot no longer exists on the IC. */
  private forget(canister: string, snapshotId: string): void {
    for (const version of this.versions.of(canister, 'snapshot')) {
      if (version.snapshotId === snapshotId && version.status === 'complete') {
        this.versions.update(version.id, { status: 'pruned', updatedAt: this.platform.time() });
      }
    }
  }

  private management<T>(
    method: string,
    canister: string,
    extra: Record<string, unknown>,
    returns: IDL.Type,
    extraTypes: Record<string, IDL.Type> = {},
  ): Promise<T> {
    return this.platform.call<T>(Principal.managementCanister(), method, {
      paramIdlTypes: [IDL.Record({ canister_id: IDL.Principal, ...extraTypes })],
      returnIdlType: returns,
      args: [{ canister_id: Principal.fromText(canister), ...extra }],
    });
  }
}
