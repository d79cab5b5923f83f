import { CanisterError, IDL, type Platform, Principal, Result } from '../../core/index.ts';
import {
  type BackupManifest,
  BackupManifestIdl,
  type BackupPlan,
  BackupPlanIdl,
  BackupStatusIdl,
  ChunkRequestIdl,
  ExportedChunkIdl,
  ImportProgressIdl,
  ImportResultIdl,
} from '../../plugins/backup/index.ts';

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

export interface RemotePolicy {
  keep_last: number;
  daily_days: number;
  every_seconds: number;
  max_age_seconds: bigint;
  keep_snapshots: number;
  due_after_writes: bigint;
}

export interface RemoteStatus {
  changes_since_backup: bigint;
  last_backup_at: [] | [bigint];
  due: boolean;
  reason: string;
  policy: RemotePolicy;
}

const HealthIdl = IDL.Record({
  status: IDL.Variant({ healthy: IDL.Null, degraded: IDL.Null, unhealthy: IDL.Null }),
});

/** An `Err` reply from a protected canister: its code, prefixed with the method that refused. */
function unwrap<T>(reply: Reply<T>, method: string): T {
  if ('Err' in reply) {
    throw new CanisterError(reply.Err.code, `${method}: ${reply.Err.message}`);
  }
  return reply.Ok;
}

/**
 * The backup plugin's methods (and health_check) on a protected canister, called as its
 * controller. A rejected call throws the IC's reject; a refusal throws the canister's own code.
 */
export class ProtectedCalls {
  constructor(private readonly platform: Platform) {}

  private async ask<T>(
    canister: string,
    method: string,
    params: IDL.Type[],
    args: unknown[],
    ok: IDL.Type,
  ): Promise<T> {
    const reply = await this.platform.call<Reply<T>>(Principal.fromText(canister), method, {
      paramIdlTypes: params,
      returnIdlType: Result(ok),
      args,
    });
    return unwrap(reply, method);
  }

  status(canister: string): Promise<RemoteStatus> {
    return this.ask(canister, 'backup_status', [], [], BackupStatusIdl);
  }

  plan(canister: string): Promise<BackupPlan> {
    return this.ask(canister, 'backup_plan', [], [], BackupPlanIdl);
  }

  exportChunk(canister: string, ref: { store: string; start: bigint; count: number }) {
    return this.ask<{ data: Uint8Array | number[]; sha256: string }>(
      canister,
      'backup_export_chunk',
      [ChunkRequestIdl],
      [{ store: ref.store, start: ref.start, count: ref.count }],
      ExportedChunkIdl,
    );
  }

  confirm(canister: string, manifest: BackupManifest): Promise<null> {
    return this.ask(canister, 'backup_confirm', [BackupManifestIdl], [manifest], IDL.Null);
  }

  setNotify(canister: string, backupCanister: Principal): Promise<null> {
    return this.ask(canister, 'backup_set_notify', [IDL.Principal], [backupCanister], IDL.Null);
  }

  importBegin(canister: string, manifest: BackupManifest): Promise<null> {
    return this.ask(canister, 'backup_import_begin', [BackupManifestIdl], [manifest], IDL.Null);
  }

  importChunk(canister: string, index: number, data: Uint8Array) {
    return this.ask<{ received: number; total: number }>(
      canister,
      'backup_import_chunk',
      [IDL.Nat32, IDL.Vec(IDL.Nat8)],
      [index, data],
      ImportProgressIdl,
    );
  }

  importCommit(canister: string) {
    return this.ask<{ stores: number; entries: number; done: boolean }>(
      canister,
      'backup_import_commit',
      [],
      [],
      ImportResultIdl,
    );
  }

  async health(canister: string): Promise<'healthy' | 'degraded' | 'unhealthy'> {
    const reply = await this.platform.call<{ status: Record<string, null> }>(
      Principal.fromText(canister),
      'health_check',
      { paramIdlTypes: [], returnIdlType: HealthIdl, args: [] },
    );
    return Object.keys(reply.status)[0] as 'healthy' | 'degraded' | 'unhealthy';
  }
}
