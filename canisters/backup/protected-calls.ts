import { CanisterError, IDL, type Platform, Principal, Result } from '../../core/index.ts';
import {
  type BackupManifest,
  BackupManifestIdl,
  type BackupPlan,
  BackupPlanIdl,
  BackupPlanPageIdl,
  BackupStatusIdl,
  ChunkRequestIdl,
  ExportedChunkIdl,
  ImportProgressIdl,
  ImportResultIdl,
  type PlanCursor,
  PlanCursorIdl,
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

type PlanPage = BackupPlan & { next: [] | [PlanCursor] };

/** A protected canister whose backup plugin predates backup_plan_page (until its upgrade). */
const NO_PAGED_PLAN = /has no (query|update) method|IC0302|IC0536|method .*not found/i;

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

  /**
   * The whole plan, page by page (backup_plan_page: each page a bounded message, however large
   * the stores); one backup_plan call for a canister whose plugin has no pages yet. A write
   * between pages would cut the stores differently: the plan is refused as stale at once.
   */
  async plan(canister: string): Promise<BackupPlan> {
    let page: PlanPage;
    try {
      page = await this.planPage(canister, []);
    } catch (error) {
      if (!NO_PAGED_PLAN.test(error instanceof Error ? error.message : String(error))) throw error;
      return this.ask(canister, 'backup_plan', [], [], BackupPlanIdl);
    }
    const { next: first, ...plan } = page;
    plan.stores = plan.stores.map((store) => ({ ...store }));
    for (let next = first; next.length > 0; next = page.next) {
      page = await this.planPage(canister, next);
      if (page.changes !== plan.changes) {
        throw new CanisterError(
          'BACKUP_STALE',
          `backup_plan_page: ${canister} was written to while its plan was read`,
        );
      }
      for (const part of page.stores) {
        const store = plan.stores.find((s) => s.name === part.name);
        if (store === undefined) plan.stores.push({ ...part });
        else
          Object.assign(store, {
            count: store.count + part.count,
            bytes: store.bytes + part.bytes,
          });
      }
      plan.chunks.push(...page.chunks);
    }
    return plan;
  }

  private planPage(canister: string, cursor: [] | [PlanCursor]): Promise<PlanPage> {
    return this.ask(
      canister,
      'backup_plan_page',
      [IDL.Opt(PlanCursorIdl)],
      [cursor],
      BackupPlanPageIdl,
    );
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
