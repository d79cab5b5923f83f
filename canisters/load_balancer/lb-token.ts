import { type Platform, token } from '../../core/index.ts';
import type { BalancingSettings } from '../../plugins/balancing/index.ts';
import type { HealthPoller } from './health-poller.ts';
import type { ShardDirectory } from './shard-directory.ts';
import type { ShardProvisioner } from './shard-provisioner.ts';
import type { ShardWasm } from './shard-wasm.ts';
import type { UserMigrations } from './user-migrations.ts';

/** Everything the load balancer's endpoints use. */
export interface LoadBalancer {
  platform: Platform;
  settings: BalancingSettings;
  directory: ShardDirectory;
  poller: HealthPoller;
  provisioner: ShardProvisioner;
  wasm: ShardWasm;
  migrations: UserMigrations;
}

export const LOAD_BALANCER = token<LoadBalancer>('load_balancer/service');
