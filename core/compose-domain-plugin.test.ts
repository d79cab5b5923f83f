import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('./testing/azle-stub.ts'));

import { IDL } from '@dfinity/candid';

import { composeCanister } from './compose-canister.ts';
import { allow } from './decorators/access.ts';
import { query } from './decorators/canister-methods.ts';
import { definePlugin } from './plugin.ts';
import { MemoryPlatform } from './testing/memory-platform.ts';

class Counter {
  @query([], IDL.Nat32)
  @allow('public')
  count(): number {
    return 1;
  }
}

describe('a domain service module that exports a plugin of its own', () => {
  it('sets it up after the YAML plugins and serves its endpoints beside the domain classes', () => {
    const setups: string[] = [];
    const yamlPlugin = definePlugin({ name: 'auth', setup: () => void setups.push('auth') });
    const domainPlugin = definePlugin({
      name: 'registry-domain',
      dependsOn: ['auth'],
      endpoints: [Counter],
      setup: (ctx) => {
        setups.push(ctx.pluginName);
        ctx.store({ name: 'groups' });
      },
    });
    class Extra {
      @query([], IDL.Text)
      @allow('public')
      extra(): string {
        return '';
      }
    }
    const canister = composeCanister(
      { name: 'registry', plugins: [yamlPlugin], endpoints: [[domainPlugin, Extra]] },
      new MemoryPlatform(),
    );
    expect(setups).toEqual(['auth', 'registry-domain']);
    expect(canister.order).toEqual(['auth', 'registry-domain']);
    expect(canister.classes).toEqual([Counter, Extra]);
  });
});
