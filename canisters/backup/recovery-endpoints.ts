import { allow, IDL, inject, Principal, query, update } from '../../core/index.ts';
import {
  PlanResult,
  RecoveryModeIdl,
  RecoveryPlanView,
  WasmResult,
  WasmView,
} from './vault-idl.ts';
import { planView, wasmView } from './recovery-views.ts';
import { RECOVERY, VAULT } from './vault-token.ts';

/** Recovery plans and the Wasm modules they install; admins only. */
export class RecoveryEndpoints {
  private readonly vault = inject(VAULT);
  private readonly recovery = inject(RECOVERY);

  /** An ordered plan from the newest good export: into a new canister, or the same one (reinstall). */
  @update([IDL.Principal, RecoveryModeIdl], PlanResult)
  @allow('admin')
  generate_recovery_plan(canister: Principal, mode: Record<string, null>) {
    const target = this.vault.requireTarget(canister.toText());
    const chosen = 'same' in mode ? 'same' : 'new';
    return planView(this.recovery.planner.generate(target, chosen));
  }

  /** Runs (or resumes) a plan to the end; each step's progress is saved as it happens. */
  @update([IDL.Principal, IDL.Nat64], PlanResult)
  @allow('admin')
  async execute_recovery(canister: Principal, planId: bigint) {
    return planView(await this.recovery.executor.execute(canister.toText(), planId));
  }

  @query([IDL.Principal, IDL.Nat64], PlanResult)
  @allow('admin')
  recovery_progress(canister: Principal, planId: bigint) {
    return planView(this.recovery.executor.require(canister.toText(), planId));
  }

  @query([], IDL.Vec(RecoveryPlanView))
  @allow('admin')
  list_recovery_plans() {
    return this.recovery.plans().map(planView);
  }

  /** Deploy uploads each canister type's module in chunks of at most 1 MiB, then commits its hash. */
  @update([IDL.Text, IDL.Nat32, IDL.Vec(IDL.Nat8)], WasmResult)
  @allow('admin')
  upload_wasm_chunk(kind: string, index: number, data: Uint8Array | number[]) {
    return wasmView(this.recovery.wasm.putChunk(kind, index, Uint8Array.from(data)));
  }

  @update([IDL.Text, IDL.Text], WasmResult)
  @allow('admin')
  commit_wasm(kind: string, moduleHash: string) {
    return wasmView(this.recovery.wasm.commit(kind, moduleHash));
  }

  @query([], IDL.Vec(WasmView))
  @allow('admin')
  list_wasm() {
    return this.recovery.wasm.list().map(wasmView);
  }
}
