import { token } from '../../core/index.ts';
import type { ChunkVault } from './chunk-vault.ts';
import type { VaultService } from './vault-service.ts';

export const VAULT = token<VaultService>('vault/service');
export const CHUNK_VAULT = token<ChunkVault>('vault/chunks');
