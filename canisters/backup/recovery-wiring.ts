import type { PluginContext, StableStore } from '../../core/index.ts';
import { AUTH } from '../../plugins/auth/index.ts';
import type { ChunkVault } from './chunk-vault.ts';
import type { ProtectedCalls } from './protected-calls.ts';
import { RecoveryExecutor } from './recovery-executor.ts';
import type { RecoveryPlan } from './recovery-model.ts';
import { RecoveryPlanner } from './recovery-planner.ts';
import { SystemLinks } from './system-links.ts';
import type { ProtectedCanister, StoredWasm } from './vault-model.ts';
import { RECOVERY } from './vault-token.ts';
import type { VersionBook } from './version-book.ts';
import { WasmStore } from './wasm-store.ts';

/** Registers the recovery planner, executor and Wasm store; returns a resume hook for the scheduler. */
export function setupRecovery(
  ctx: PluginContext<unknown>,
  deps: {
    calls: ProtectedCalls;
    versions: VersionBook;
    chunks: ChunkVault;
    targets: StableStore<ProtectedCanister>;
    meta: StableStore<bigint>;
  },
): () => Promise<void> {
  const plans = ctx.store<RecoveryPlan>({ name: 'plans' });
  const wasmChunks = ctx.store<never>({ name: 'wasm-chunks' });
  const wasm = new WasmStore(ctx.store<StoredWasm>({ name: 'wasm' }), () => wasmChunks.raw());
  const planner = new RecoveryPlanner(ctx.platform, plans, deps.meta, deps.versions, wasm);
  const executor = new RecoveryExecutor(
    {
      platform: ctx.platform,
      calls: deps.calls,
      links: new SystemLinks(ctx.platform),
      versions: deps.versions,
      chunks: deps.chunks,
      wasm,
      registry: () => ctx.resolve(AUTH).registry.current(),
    },
    plans,
    deps.targets,
  );
  ctx.provide(RECOVERY, {
    planner,
    executor,
    wasm,
    plans: () => plans.page(0, 1000).entries.map(([, plan]) => plan),
  });
  ctx.onInit(() => executor.boot());
  ctx.onPostUpgrade(() => executor.boot());
  const resume = async () => {
    for (const plan of executor.stalled()) {
      await executor.execute(plan.canister, plan.id).catch(() => undefined);
    }
  };
  // An upgrade in the middle of a recovery: carry on right after it.
  ctx.timer({ name: 'recovery-resume', afterSeconds: 1, run: resume });
  return resume;
}
