import { token } from '../../core/index.ts';
import type { ChunkVault } from './chunk-vault.ts';
import type { RecoveryExecutor } from './recovery-executor.ts';
import type { RecoveryPlan } from './recovery-model.ts';
import type { RecoveryPlanner } from './recovery-planner.ts';
import type { VaultService } from './vault-service.ts';
import type { WasmStore } from './wasm-store.ts';

export const VAULT = token<VaultService>('vault/service');
export const CHUNK_VAULT = token<ChunkVault>('vault/chunks');

export interface Recovery {
  planner: RecoveryPlanner;
  executor: RecoveryExecutor;
  wasm: WasmStore;
  plans(): RecoveryPlan[];
}
export const RECOVERY = token<Recovery>('vault/recovery');
