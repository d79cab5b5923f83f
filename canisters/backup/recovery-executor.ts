import { isCanisterError, type StableStore } from '../../core/index.ts';
import type { RecoveryPlan } from './recovery-model.ts';
import { STEPS, type StepServices } from './recovery-steps.ts';
import { vaultError } from './vault-errors.ts';
import type { ProtectedCanister } from './vault-model.ts';

/** How long an execution holds its plan without progress before another may take over. */
export const LEASE_NS = 120n * 1_000_000_000n;

/**
 * Runs a plan's steps in order across messages (every await commits what came before it). The
 * cursor and each step's progress are saved as they happen, so an execution stopped by a trap,
 * a failed call or an upgrade is resumed from where it stopped: by calling execute_recovery
 * again, by the scheduler once the lease has lapsed, or right after an upgrade.
 */
export class RecoveryExecutor {
  /** Leases from before this Wasm instance started (an upgrade) hold nothing. */
  private bootedAt = 0n;

  constructor(
    private readonly services: Omit<StepServices, 'load' | 'save'>,
    private readonly plans: StableStore<RecoveryPlan>,
    private readonly targets: StableStore<ProtectedCanister>,
  ) {}

  /** Called at init and post-upgrade. */
  boot(): void {
    this.bootedAt = this.services.platform.time();
  }

  require(canister: string, id: bigint): RecoveryPlan {
    const plan = this.plans.get(id);
    if (plan === undefined || plan.canister !== canister) {
      throw vaultError('VAULT_UNKNOWN_PLAN', `no recovery plan ${id} for ${canister}`);
    }
    return plan;
  }

  async execute(canister: string, id: bigint): Promise<RecoveryPlan> {
    const start = this.require(canister, id);
    if (start.status === 'done') return start;
    const now = this.services.platform.time();
    const held =
      start.leaseUntil !== undefined &&
      start.leaseUntil > now &&
      (start.updatedAt ?? 0n) >= this.bootedAt;
    if (start.status === 'running' && held) {
      throw vaultError('VAULT_BUSY', `recovery plan ${id} is being executed`);
    }
    const load = () => this.plans.get(id)!;
    const save = (change: Partial<RecoveryPlan>) => {
      const at = this.services.platform.time();
      const next: RecoveryPlan = { ...load(), updatedAt: at, leaseUntil: at + LEASE_NS, ...change };
      this.plans.set(id, next);
      return next;
    };
    const services: StepServices = { ...this.services, load, save };
    let plan: RecoveryPlan = save({ status: 'running', error: undefined });
    while (plan.cursor < plan.steps.length) {
      const index = plan.cursor;
      const step = plan.steps[index]!;
      plan = save({
        steps: replace(plan.steps, index, { attempts: step.attempts + 1, status: 'pending' }),
      });
      try {
        const detail = await STEPS[step.name](services);
        plan = load();
        plan = save({
          cursor: index + 1,
          steps: replace(plan.steps, index, {
            status: 'done',
            detail,
            finishedAt: this.services.platform.time(),
          }),
        });
      } catch (error) {
        const why = isCanisterError(error) ? `${error.code}: ${error.message}` : String(error);
        plan = load();
        save({
          status: 'failed',
          error: why,
          leaseUntil: 0n,
          steps: replace(plan.steps, index, { status: 'failed', detail: why }),
        });
        throw vaultError('VAULT_PLAN_FAILED', `step ${step.name} of plan ${id} failed: ${why}`);
      }
    }
    this.protectRecovered(plan);
    return save({ status: 'done', leaseUntil: 0n });
  }

  /** Running plans whose execution stopped (trap, upgrade) without finishing. */
  stalled(): RecoveryPlan[] {
    const now = this.services.platform.time();
    return this.plans
      .page(0, 1000)
      .entries.map(([, plan]) => plan)
      .filter(
        (p) =>
          p.status === 'running' && ((p.leaseUntil ?? 0n) <= now || p.updatedAt < this.bootedAt),
      );
  }

  /** The recovered canister takes the old one's place among the protected canisters. */
  private protectRecovered(plan: RecoveryPlan): void {
    const old = this.targets.get(plan.canister);
    if (old === undefined || plan.target === undefined) return;
    if (plan.target !== plan.canister) this.targets.delete(plan.canister);
    this.targets.set(plan.target, {
      ...old,
      canister: plan.target,
      addedAt: this.services.platform.time(),
    });
  }
}

function replace<T>(list: T[], index: number, change: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...change } : item));
}
