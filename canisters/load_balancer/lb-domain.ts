import { definePlugin } from '../../core/index.ts';
import { BALANCING_SETTINGS } from '../../plugins/balancing/index.ts';
import { AdminEndpoints } from './admin-endpoints.ts';
import { HealthPoller } from './health-poller.ts';
import type { PlacementRecord, ShardRecord } from './lb-model.ts';
import { LOAD_BALANCER } from './lb-token.ts';
import { ProvisioningEndpoints } from './provisioning-endpoints.ts';
import { RouteEndpoints } from './route-endpoints.ts';
import { alertOnShardTrouble } from './shard-alerts.ts';
import { ShardDirectory } from './shard-directory.ts';
import { ShardProvisioner } from './shard-provisioner.ts';
import { ShardWasm } from './shard-wasm.ts';
import { MigrationEndpoints } from './migration-endpoints.ts';
import { type Migration, UserMigrations } from './user-migrations.ts';

/** The load balancer's stores, services, timers and endpoints, composed after the YAML plugins. */
export const loadBalancerDomain = definePlugin({
  name: 'load_balancer',
  dependsOn: ['auth', 'balancing'],
  endpoints: [RouteEndpoints, AdminEndpoints, ProvisioningEndpoints, MigrationEndpoints],
  setup(ctx) {
    const { platform } = ctx;
    const settings = ctx.resolve(BALANCING_SETTINGS);
    const meta = ctx.store<unknown>({ name: 'meta' });
    const directory = new ShardDirectory(
      {
        shards: ctx.store<ShardRecord>({
          name: 'shards',
          indexes: { canister: (s) => s.canister },
        }),
        placements: ctx.store<PlacementRecord>({ name: 'placements' }),
        meta,
      },
      settings,
      () => platform.time(),
    );
    const wasm = new ShardWasm(ctx.store<Uint8Array>({ name: 'shard-wasm' }), meta);
    const poller = new HealthPoller(platform, directory, settings);
    const provisioner = new ShardProvisioner(platform, directory, wasm, meta, settings);
    const migrations = new UserMigrations(
      platform,
      directory,
      ctx.store<Migration>({ name: 'migrations' }),
    );
    ctx.provide(LOAD_BALANCER, {
      platform,
      settings,
      directory,
      poller,
      provisioner,
      wasm,
      migrations,
    });
    alertOnShardTrouble(ctx);
    ctx.timer({
      name: 'poll-shards',
      everySeconds: settings.pollSeconds,
      run: async () => {
        await poller.pollAll();
        provisioner.startIfFull();
      },
    });
    ctx.timer({
      name: 'provisioning-step',
      everySeconds: settings.stepSeconds,
      run: async () => {
        await provisioner.step();
      },
    });
    ctx.timer({
      name: 'migration-step',
      everySeconds: settings.stepSeconds,
      run: () => migrations.stepAll(),
    });
  },
});
