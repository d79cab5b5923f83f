import { CanisterError, type Platform, Principal, type StableStore } from '../../core/index.ts';
import type { BalancingSettings } from '../../plugins/balancing/index.ts';
import { takesNewUsers } from './lb-model.ts';
import {
  createCanisterWithCycles as createCanister,
  installChunked,
  moduleHash,
  uploadChunk,
} from '../../core/index.ts';
import { rejectText } from './shard-calls.ts';
import type { ShardDirectory } from './shard-directory.ts';
import { hex, type ShardWasm } from './shard-wasm.ts';
import {
  linkShardToUserRegistry,
  linkUserRegistryToShard,
  registerShard,
  setShardRegistry,
} from './system-calls.ts';

/** Where a new shard is registered and linked (set by deploy through configure_provisioning). */
export interface ProvisioningLinks {
  registry: string;
  userRegistry: string;
  group: string;
}

export type ProvisioningStep = 'create' | 'creating' | 'install' | 'register' | 'link' | 'activate';

/** A provisioning in progress: persisted after every step, so a trap or an upgrade resumes it. */
export interface Provisioning {
  step: ProvisioningStep;
  canister?: string;
  /** The registry shard key the new shard gets. */
  key: string;
  startedAt: bigint;
  reason: string;
  attempts: number;
  lastError?: string;
}

/**
 * Creates, installs, registers and links a new calendar shard, one step per message (a timer, or
 * advance_provisioning). Each step is idempotent: install checks the module hash first, the
 * registry treats an existing membership as done, linking writes only what is missing, and
 * activation adds the shard once. The step before create_canister is written before the call, so
 * a resumed `creating` step is the one case that creates again (its reply was lost to a trap).
 */
export class ShardProvisioner {
  private running = false;

  constructor(
    private readonly platform: Platform,
    private readonly directory: ShardDirectory,
    private readonly wasm: ShardWasm,
    private readonly meta: StableStore<unknown>,
    private readonly settings: BalancingSettings,
  ) {}

  current(): Provisioning | undefined {
    return this.meta.get('provisioning') as Provisioning | undefined;
  }

  links(): ProvisioningLinks | undefined {
    return this.meta.get('links') as ProvisioningLinks | undefined;
  }

  configure(links: ProvisioningLinks): ProvisioningLinks {
    this.meta.set('links', links);
    return links;
  }

  history(): string[] {
    return (this.meta.get('provisioned') as string[] | undefined) ?? [];
  }

  /** Starts a provisioning (by hand, or when every active shard is full). */
  start(reason: string): Provisioning {
    if (this.current() !== undefined) {
      throw new CanisterError('LB_PROVISIONING_BUSY', 'a provisioning is in progress');
    }
    if (this.links() === undefined || !this.wasm.complete()) {
      throw new CanisterError('LB_NOT_CONFIGURED', 'provisioning is not configured', {
        expected: 'configure_provisioning and a complete shard Wasm upload',
        found: `links ${this.links() ? 'set' : 'missing'}, ${this.wasm.uploaded()} chunks`,
      });
    }
    const key = String(this.directory.shards().length);
    const provisioning: Provisioning = {
      step: 'create',
      key,
      startedAt: this.platform.time(),
      reason,
      attempts: 0,
    };
    this.meta.set('provisioning', provisioning);
    return provisioning;
  }

  /** Users per shard that count as full: an admin's override, else canister.yaml's. */
  threshold(): number | undefined {
    const override = this.meta.get('usersPerShard') as number | null | undefined;
    return override === undefined ? this.settings.usersPerShard : (override ?? undefined);
  }

  setThreshold(users: number | undefined): void {
    this.meta.set('usersPerShard', users ?? null);
  }

  /** Starts one when a threshold is set and every shard taking new users holds that many. */
  startIfFull(): void {
    const limit = this.threshold();
    if (limit === undefined || this.current() !== undefined) return;
    if (this.links() === undefined || !this.wasm.complete()) return;
    const open = this.directory.shards().filter((c) => takesNewUsers(c.shard));
    if (open.length > 0 && open.every((c) => c.shard.users >= limit)) {
      this.start(`every active shard holds ${limit}+ users`);
    }
  }

  /** Runs the next step; returns the state after it (undefined once the shard is active). */
  async step(): Promise<Provisioning | undefined> {
    const work = this.current();
    if (work === undefined || this.running) return work;
    this.running = true;
    try {
      await this.run(work);
    } catch (error) {
      const failed = this.current();
      if (failed !== undefined) {
        this.save({
          ...failed,
          attempts: failed.attempts + 1,
          lastError: rejectText(error).slice(0, 300),
        });
      }
    } finally {
      this.running = false;
    }
    return this.current();
  }

  private async run(work: Provisioning): Promise<void> {
    const links = this.links()!;
    switch (work.step) {
      case 'create':
      case 'creating': {
        this.save({ ...work, step: 'creating' });
        const controllers = [this.platform.selfId(), ...this.extraControllers()];
        const canister = await createCanister(
          this.platform,
          this.settings.provisionCycles,
          controllers,
        );
        this.save({ ...work, step: 'install', canister });
        return;
      }
      case 'install': {
        await this.install(work.canister!);
        this.save({ ...work, step: 'register' });
        return;
      }
      case 'register': {
        await setShardRegistry(this.platform, work.canister!, links.registry);
        await registerShard(this.platform, links.registry, links.group, work.canister!, work.key);
        this.save({ ...work, step: 'link' });
        return;
      }
      case 'link': {
        await linkShardToUserRegistry(this.platform, work.canister!, links.userRegistry);
        await linkUserRegistryToShard(this.platform, links.userRegistry, work.canister!);
        this.save({ ...work, step: 'activate' });
        return;
      }
      case 'activate': {
        const canister = work.canister!;
        if (!this.directory.hasShard(canister)) {
          this.directory.addShard(canister, this.settings.provisionWeight);
          this.directory.count((c) => (c.provisioned += 1));
          this.meta.set('provisioned', [...this.history(), canister]);
        }
        this.meta.delete('provisioning');
        return;
      }
    }
  }

  /** Uploads the chunks into the new canister's own chunk store and installs, unless already done. */
  private async install(canister: string): Promise<void> {
    const manifest = this.wasm.manifest()!;
    const installed = await moduleHash(this.platform, canister);
    if (installed !== undefined && hex(installed) === hex(manifest.moduleHash)) return;
    for (let index = 0; index < manifest.chunkHashes.length; index++) {
      const hash = await uploadChunk(this.platform, canister, this.wasm.chunk(index));
      this.wasm.checkChunkHash(index, hash);
    }
    await installChunked(
      this.platform,
      canister,
      manifest.chunkHashes,
      manifest.moduleHash,
      installed !== undefined,
    );
  }

  private extraControllers(): Principal[] {
    const by = this.wasm.manifest()?.uploadedBy;
    return by === undefined || by === this.platform.selfId().toText()
      ? []
      : [Principal.fromText(by)];
  }

  private save(work: Provisioning): void {
    this.meta.set('provisioning', work);
  }
}
