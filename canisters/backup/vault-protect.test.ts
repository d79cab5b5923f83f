import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import service from './service.ts';
import { VaultEndpoints } from './vault-endpoints.ts';

const controller = Principal.fromUint8Array(new Uint8Array([51, 0]));
const absent = Principal.fromUint8Array(new Uint8Array([51, 9]));

describe('protect', () => {
  it('answers VAULT_PROTECT_FAILED, not a trap, for a canister that cannot be reached', async () => {
    const platform = new MemoryPlatform();
    platform.controllers.push(controller);
    composeCanister({ name: 'backup', plugins: [auth], endpoints: [service] }, platform).init();
    const api = new VaultEndpoints() as unknown as Record<string, (...args: unknown[]) => unknown>;
    const input = { canister: absent, kind: 'calendar', group: [], shard: [] };
    const reply = (await platform.as(controller, () => api.protect!(input))) as {
      Err?: { code: string; message: string };
    };
    expect(reply.Err?.code).toBe('VAULT_PROTECT_FAILED');
    expect(reply.Err?.message).toContain(absent.toText());
    expect(await platform.as(controller, () => api.list_protected!())).toEqual([]);
  });
});
