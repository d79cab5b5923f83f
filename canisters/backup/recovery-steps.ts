import {
  canisterStatus,
  createCanisterWithCycles,
  installFromChunks,
  isCanisterError,
  type Platform,
  type Principal,
} from '../../core/index.ts';
import { sha256Hex } from '../../plugins/backup/index.ts';
import type { ChunkVault } from './chunk-vault.ts';
import type { ProtectedCalls } from './protected-calls.ts';
import { CREATE_CANISTER_FEE, NEW_CANISTER_CYCLES } from './recovery-estimates.ts';
import type { RecoveryPlan, StepName } from './recovery-model.ts';
import type { SystemLinks } from './system-links.ts';
import { vaultError } from './vault-errors.ts';
import type { VersionBook } from './version-book.ts';
import type { WasmStore } from './wasm-store.ts';

export interface StepServices {
  platform: Platform;
  calls: ProtectedCalls;
  links: SystemLinks;
  versions: VersionBook;
  chunks: ChunkVault;
  wasm: WasmStore;
  registry: () => Principal | undefined;
  /** Reads the plan as stored now (after an await) and saves a change to it. */
  load: () => RecoveryPlan;
  save: (change: Partial<RecoveryPlan>) => RecoveryPlan;
}

type Step = (s: StepServices) => Promise<string>;

const manifestOf = (s: StepServices) => {
  const version = s.versions.require(s.load().version);
  if (version.status !== 'complete' || version.manifest === undefined) {
    throw vaultError('VAULT_NO_GOOD_VERSION', `version ${version.id} is ${version.status}`);
  }
  return version.manifest;
};
const targetOf = (s: StepServices) => s.load().target!;

/** The target lost its import session (an upgrade): the next attempt begins again. */
async function sessionCall<T>(s: StepServices, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCanisterError(error) && error.code === 'BACKUP_NO_IMPORT') {
      s.save({ importBegun: false, chunksSent: 0 });
    }
    throw error;
  }
}

const commit = (s: StepServices, target: string) =>
  sessionCall(s, () => s.calls.importCommit(target));

/**
 * What each step does. Each one checks the world before changing it or only makes changes that
 * are harmless to repeat, so a step resumed after an interruption ends as if it had run once.
 */
export const STEPS: Record<StepName, Step> = {
  async select_version(s) {
    const manifest = manifestOf(s);
    const plan = s.load();
    for (let index = 0; index < manifest.chunks.length; index++) {
      if (s.chunks.get(plan.version, index) === undefined) {
        throw vaultError('VAULT_NO_GOOD_VERSION', `version ${plan.version} lacks chunk ${index}`);
      }
    }
    return `version ${plan.version}: ${manifest.chunks.length} chunks, digest ${manifest.digest}`;
  },

  async create_canister(s) {
    const plan = s.load();
    if (plan.target !== undefined) return `reusing ${plan.target}`;
    const old = await canisterStatus(s.platform, plan.canister).catch(() => undefined);
    const self = s.platform.selfId();
    const controllers = [
      self,
      ...(old?.controllers ?? []).filter((c) => c.toText() !== self.toText()),
    ];
    const created = await createCanisterWithCycles(
      s.platform,
      CREATE_CANISTER_FEE + NEW_CANISTER_CYCLES,
      controllers,
    );
    s.save({ target: created });
    return `created ${created}`;
  },

  async install_wasm(s) {
    const plan = s.load();
    const stored = s.wasm.require(plan.kind);
    const status = await canisterStatus(s.platform, plan.target!);
    const mode = status.moduleHash === undefined && plan.mode === 'new' ? 'install' : 'reinstall';
    const chunks = Array.from({ length: stored.chunks }, (_, i) => s.wasm.chunk(plan.kind, i));
    const hash = Uint8Array.from(stored.moduleHash.match(/../g)!, (pair) => parseInt(pair, 16));
    await installFromChunks(s.platform, plan.target!, chunks, hash, mode === 'reinstall');
    s.save({ chunksSent: 0, importBegun: false });
    return `${mode} ${stored.moduleHash} into ${plan.target}`;
  },

  async restore_chunks(s) {
    const manifest = manifestOf(s);
    const target = targetOf(s);
    if (!s.load().importBegun || s.load().chunksSent === 0) {
      await s.calls.importBegin(target, manifest);
      s.save({ importBegun: true, chunksSent: 0 });
    }
    for (let index = s.load().chunksSent; index < manifest.chunks.length; index++) {
      const version = s.load().version;
      const data = s.chunks.get(version, index);
      const expected = manifest.chunks[index]!;
      if (
        data === undefined ||
        data.length !== expected.bytes ||
        sha256Hex(data) !== expected.sha256
      ) {
        s.versions.update(version, {
          status: 'corrupt',
          error: `chunk ${index} no longer matches its sha256`,
        });
        throw vaultError(
          'VAULT_CHUNK_CORRUPT',
          `stored chunk ${index} of version ${version} is corrupt; generate a new plan`,
          {
            expected: expected.sha256,
            found: data === undefined ? 'no chunk' : sha256Hex(data),
          },
        );
      }
      await sessionCall(s, () => s.calls.importChunk(target, index, data));
      s.save({ chunksSent: index + 1 });
    }
    // Bounded commit steps; the target swaps its stores in at one of them, all at once.
    for (let steps = 1; ; steps++) {
      const step = await commit(s, target);
      if (step.done) {
        return `${manifest.chunks.length} chunks sent, ${step.entries} records committed in ${steps} steps`;
      }
    }
  },

  async verify_restore(s) {
    const manifest = manifestOf(s);
    const plan = await s.calls.plan(targetOf(s));
    const text = (stores: { name: string; count: bigint; bytes: bigint }[]) =>
      stores.map((t) => `${t.name}:${t.count}:${t.bytes}`).join(' ');
    const chunks = (list: { store: string; start: bigint; count: number; bytes: number }[]) =>
      list.map((c) => `${c.store}:${c.start}:${c.count}:${c.bytes}`).join(' ');
    if (
      text(plan.stores) !== text(manifest.stores) ||
      chunks(plan.chunks) !== chunks(manifest.chunks)
    ) {
      throw vaultError('VAULT_PLAN_FAILED', 'the restored stores differ from the backup', {
        expected: text(manifest.stores),
        found: text(plan.stores),
      });
    }
    const records = manifest.stores.reduce((sum, t) => sum + t.count, 0n);
    return `${manifest.stores.length} stores, ${records} records, ${manifest.chunks.length} chunk boundaries equal`;
  },

  async register(s) {
    const registry = s.registry();
    if (registry === undefined) return 'no registry configured';
    const plan = s.load();
    const fallback =
      plan.group === undefined
        ? undefined
        : { group: plan.group, ...(plan.shard === undefined ? {} : { shard: plan.shard }) };
    const changes = await s.links.reregister(
      registry,
      plan.kind,
      plan.canister,
      targetOf(s),
      fallback,
    );
    return changes.join('; ') || 'already registered';
  },

  async repoint_links(s) {
    const registry = s.registry();
    if (registry === undefined) return 'no registry configured';
    const plan = s.load();
    return (
      (await s.links.relink(registry, plan.kind, plan.canister, targetOf(s))).join('; ') ||
      'nothing to change'
    );
  },

  async repoint_load_balancer(s) {
    const registry = s.registry();
    if (registry === undefined) return 'no registry configured';
    const plan = s.load();
    return (
      (await s.links.repointLoadBalancers(registry, plan.canister, targetOf(s))).join('; ') ||
      'no load balancer'
    );
  },

  async health_check(s) {
    const health = await s.calls.health(targetOf(s));
    if (health === 'unhealthy')
      throw vaultError('VAULT_PLAN_FAILED', `${targetOf(s)} reports unhealthy`);
    return `${targetOf(s)} is ${health}`;
  },
};
