import {
  allow,
  caller,
  IDL,
  inject,
  platform,
  Principal,
  query,
  update,
} from '../../core/index.ts';
import { BackupManifestIdl, sha256Hex } from '../../plugins/backup/index.ts';
import { Result } from '../../core/index.ts';
import { vaultError } from './vault-errors.ts';
import {
  BackupKindIdl,
  ProtectedResult,
  ProtectedView,
  ProtectInput,
  StatsResult,
  StoredChunkView,
  TakenResult,
  VersionsResult,
} from './vault-idl.ts';
import type { BackupKind } from './vault-service.ts';
import { CHUNK_VAULT, VAULT } from './vault-token.ts';
import { protectedView, statsView, versionView } from './vault-views.ts';

const fromOpt = <T>(value: [] | [T]): T | undefined => value[0];
const kindOf = (variant: Record<string, null>) => Object.keys(variant)[0] as BackupKind;

/**
 * Backups of protected canisters. Everything is for admins (controllers and auth's admins) except
 * backup_due, which only a protected canister may call, about itself.
 */
export class VaultEndpoints {
  private readonly vault = inject(VAULT);
  private readonly chunks = inject(CHUNK_VAULT);

  @update([ProtectInput], ProtectedResult)
  @allow('admin')
  async protect(input: {
    canister: Principal;
    kind: string;
    group: [] | [string];
    shard: [] | [string];
  }) {
    const group = fromOpt(input.group);
    const shard = fromOpt(input.shard);
    const target = await this.vault.protect({
      canister: input.canister.toText(),
      kind: input.kind,
      ...(group === undefined ? {} : { group }),
      ...(shard === undefined ? {} : { shard }),
    });
    return protectedView(target);
  }

  @update([IDL.Principal], ProtectedResult)
  @allow('admin')
  unprotect(canister: Principal) {
    return protectedView(this.vault.unprotect(canister.toText()));
  }

  @query([], IDL.Vec(ProtectedView))
  @allow('admin')
  list_protected() {
    return this.vault.list().map(protectedView);
  }

  /** Deploy calls this before every upgrade: an export (and a snapshot when the policy keeps any). */
  @update([IDL.Principal], TakenResult)
  @allow('admin')
  async backup_now(canister: Principal) {
    const taken = await this.vault.backup(canister.toText(), 'both', 'pre-upgrade');
    return { version: opt(taken.version), snapshot: opt(taken.snapshot) };
  }

  @update([IDL.Principal, BackupKindIdl], TakenResult)
  @allow('admin')
  async emergency_backup(canister: Principal, kind: Record<string, null>) {
    const taken = await this.vault.backup(canister.toText(), kindOf(kind), 'emergency');
    return { version: opt(taken.version), snapshot: opt(taken.snapshot) };
  }

  /** A protected canister's backup plugin reports that a backup is due (after dueAfterWrites). */
  @update([IDL.Principal], Result(IDL.Null))
  @allow('user')
  backup_due(canister: Principal) {
    this.vault.acceptDueNotice(caller(), canister);
    return null;
  }

  @query([IDL.Principal], VersionsResult)
  @allow('admin')
  list_versions(canister: Principal) {
    this.vault.requireTarget(canister.toText());
    return this.vault.versions.of(canister.toText()).map(versionView);
  }

  @query([IDL.Nat64], Result(BackupManifestIdl))
  @allow('admin')
  get_manifest(version: bigint) {
    const stored = this.vault.versions.require(version);
    if (stored.status !== 'complete' || stored.manifest === undefined) {
      throw vaultError('VAULT_UNKNOWN_VERSION', `version ${version} is ${stored.status}`, {
        expected: 'a complete export',
        found: `${stored.kind} ${stored.status}`,
      });
    }
    return stored.manifest;
  }

  /** A stored chunk as kept, with its sha256 recomputed now (the caller compares with the manifest). */
  @query([IDL.Nat64, IDL.Nat32], Result(StoredChunkView))
  @allow('admin')
  read_chunk(version: bigint, index: number) {
    this.vault.versions.require(version);
    const data = this.chunks.get(version, index);
    if (data === undefined) {
      throw vaultError('VAULT_UNKNOWN_VERSION', `version ${version} holds no chunk ${index}`);
    }
    return { data, sha256: sha256Hex(data) };
  }

  @query([], StatsResult)
  @allow('admin')
  get_backup_stats() {
    const now = platform().time();
    return this.vault
      .list()
      .map((target) =>
        statsView(
          target,
          this.vault.versions.statsOf(target.canister),
          this.vault.versions.of(target.canister),
          now,
        ),
      );
  }
}

function opt<T>(value: T | undefined): [] | [T] {
  return value === undefined ? [] : [value];
}
