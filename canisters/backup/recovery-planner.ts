import type { Platform, StableStore } from '../../core/index.ts';
import { estimate, type PlanSize } from './recovery-estimates.ts';
import {
  type PlanStep,
  type RecoveryMode,
  type RecoveryPlan,
  type StepName,
  STEP_NAMES,
} from './recovery-model.ts';
import { vaultError } from './vault-errors.ts';
import type { ProtectedCanister } from './vault-model.ts';
import type { VersionBook } from './version-book.ts';
import type { WasmStore } from './wasm-store.ts';

const NEXT_PLAN = 'next-plan-id';

function describe(
  step: StepName,
  plan: Omit<RecoveryPlan, 'steps'>,
  size: PlanSize,
): [string, string[]] {
  const into =
    plan.mode === 'same' ? `${plan.canister} (reinstall)` : (plan.target ?? 'a new canister');
  switch (step) {
    case 'select_version':
      return [
        `use backup version ${plan.version} (${size.chunks} chunks, ${size.records} records, ${size.bytes} bytes)`,
        ['the version is complete and not marked corrupt'],
      ];
    case 'create_canister':
      return plan.mode === 'same' || plan.target !== undefined
        ? [`reuse ${into}`, ['the backup canister controls it']]
        : [
            "create a canister controlled by the backup canister and the old one's controllers",
            ['the backup canister holds the creation fee and funding'],
          ];
    case 'install_wasm':
      return [
        `${plan.mode === 'same' ? 'reinstall' : 'install'} the ${plan.kind} Wasm ${plan.moduleHash} (${size.wasmChunks} chunks) into ${into}`,
        ['the module is stored (deploy uploaded it)', 'the canister exists'],
      ];
    case 'restore_chunks':
      return [
        `check and send ${size.chunks} chunks, then commit store by store`,
        ['the Wasm is installed', 'every chunk matches its sha256'],
      ];
    case 'verify_restore':
      return [
        "compare the restored stores' record counts, bytes and chunk hashes with the manifest",
        ['the import reported done'],
      ];
    case 'register':
      return [
        'replace the old canister by the new one in its registry groups',
        ['the backup canister is an admin of the registry'],
      ];
    case 'repoint_links':
      return [
        'point the calendar ↔ user registry links at the new canister',
        ['the linked canisters name the backup canister an admin'],
      ];
    case 'repoint_load_balancer':
      return [
        'call replace_shard_canister(old, new) on every load balancer in the registry',
        ['the load balancer accepts calls from the backup canister'],
      ];
    case 'health_check':
      return [
        'call health_check on the restored canister: it must not be unhealthy',
        ['every earlier step is done'],
      ];
  }
}

/** Writes a plan for recovering a protected canister from its newest good export. */
export class RecoveryPlanner {
  constructor(
    private readonly platform: Platform,
    private readonly plans: StableStore<RecoveryPlan>,
    private readonly meta: StableStore<bigint>,
    private readonly versions: VersionBook,
    private readonly wasm: WasmStore,
  ) {}

  generate(target: ProtectedCanister, mode: RecoveryMode): RecoveryPlan {
    const [version] = this.versions.restorable(target.canister);
    if (version === undefined || version.manifest === undefined) {
      throw vaultError(
        'VAULT_NO_GOOD_VERSION',
        `${target.canister} has no complete, uncorrupted backup`,
      );
    }
    const module = this.wasm.require(target.kind);
    const id = this.meta.get(NEXT_PLAN) ?? 1n;
    this.meta.set(NEXT_PLAN, id + 1n);
    const now = this.platform.time();
    const reuse = mode === 'new' ? this.createdByFailedPlan(target.canister) : undefined;
    const base: Omit<RecoveryPlan, 'steps'> = {
      id,
      canister: target.canister,
      kind: target.kind,
      ...(target.group === undefined ? {} : { group: target.group }),
      ...(target.shard === undefined ? {} : { shard: target.shard }),
      mode,
      version: version.id,
      moduleHash: module.moduleHash,
      ...(mode === 'same'
        ? { target: target.canister }
        : reuse === undefined
          ? {}
          : { target: reuse }),
      cursor: 0,
      status: 'ready',
      createdAt: now,
      updatedAt: now,
      chunksSent: 0,
      importBegun: false,
    };
    const size: PlanSize = {
      chunks: version.manifest.chunks.length,
      bytes: version.bytes,
      records: version.records,
      wasmBytes: module.bytes,
      wasmChunks: module.chunks,
    };
    const steps: PlanStep[] = STEP_NAMES.map((name) => {
      const [description, preconditions] = describe(name, base, size);
      const cost = estimate(name, size, mode);
      return {
        name,
        description,
        preconditions,
        estimatedInstructions: cost.instructions,
        estimatedCycles: cost.cycles,
        status: 'pending',
        attempts: 0,
      };
    });
    const plan = { ...base, steps };
    this.plans.set(id, plan);
    return plan;
  }

  /** A canister a failed plan already created (so a new plan reinstalls it instead of creating another). */
  private createdByFailedPlan(canister: string): string | undefined {
    let found: string | undefined;
    for (const [, plan] of this.plans.page(0, 1000).entries) {
      if (
        plan.canister === canister &&
        plan.mode === 'new' &&
        plan.status === 'failed' &&
        plan.target !== undefined
      )
        found = plan.target;
      if (plan.canister === canister && plan.status === 'done') found = undefined;
    }
    return found;
  }
}
