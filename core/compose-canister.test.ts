import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('./testing/azle-stub.ts'));

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { composeCanister } from './compose-canister.ts';
import { allow, limits, metered } from './decorators/access.ts';
import { query, update } from './decorators/canister-methods.ts';
import { classMethods } from './decorators/metadata.ts';
import { Result } from './errors/result.ts';
import gate from './fixtures/plugins/gate/index.ts';
import notes from './fixtures/plugins/notes/index.ts';
import recorder from './fixtures/plugins/recorder/index.ts';
import { definePlugin } from './plugin.ts';
import { MemoryPlatform } from './testing/memory-platform.ts';
import { ADMIN_CHECK, GROUP_CHECK, HEALTH_CHECKS } from './tokens.ts';

const alice = Principal.fromUint8Array(new Uint8Array([1]));
const root = Principal.fromUint8Array(new Uint8Array([9]));

class Admin {
  @update([], Result(IDL.Text))
  @allow('admin')
  @metered
  @limits({ maxArgBytes: 64 })
  rotate(): string {
    return 'rotated';
  }

  @query([], Result(IDL.Text))
  @allow('group:backup', 'admin')
  snapshot(): string {
    return 'snap';
  }
}

describe('composeCanister', () => {
  it('refuses an endpoint without @allow, a missing dependency and a cycle', () => {
    class Bare {
      @query([], IDL.Text)
      open(): string {
        return '';
      }
    }
    const platform = new MemoryPlatform();
    expect(() => composeCanister({ name: 'x', endpoints: [Bare] }, platform)).toThrow(
      /missing on Bare\.open/,
    );
    expect(() => composeCanister({ name: 'x', plugins: [gate] }, platform)).toThrow(
      /plugin 'gate' depends on 'recorder', which this canister does not use/,
    );
    const a = definePlugin({ name: 'a', dependsOn: ['b'] });
    const b = definePlugin({ name: 'b', dependsOn: ['a'] });
    expect(() => composeCanister({ name: 'x', plugins: [a, b] }, platform)).toThrow(/cycle: a, b/);
  });

  it('stores declarations as metadata whatever the decorator order', () => {
    expect(classMethods(Admin)).toEqual({
      rotate: { mode: 'update', access: ['admin'], metered: true, limits: { maxArgBytes: 64 } },
      snapshot: { mode: 'query', access: ['group:backup', 'admin'] },
    });
  });

  it('admits admins (controllers or ADMIN_CHECK) and group members (GROUP_CHECK)', () => {
    const platform = new MemoryPlatform();
    platform.controllers.push(root);
    const canister = composeCanister({ name: 'x', endpoints: [Admin] }, platform);
    canister.init();
    const api = new Admin() as unknown as Record<
      string,
      () => { Ok?: string; Err?: { code: string } }
    >;
    expect(platform.as(root, () => api.rotate!())).toEqual({ Ok: 'rotated' });
    expect(platform.as(alice, () => api.rotate!()).Err?.code).toBe('AUTH_FORBIDDEN');
    expect(platform.as(alice, () => api.snapshot!()).Err?.code).toBe('AUTH_GROUP_UNAVAILABLE');

    canister.host.container.provideValue(ADMIN_CHECK, {
      isAdmin: (p) => p.toText() === alice.toText(),
    });
    canister.host.container.provideValue(GROUP_CHECK, { isMember: (group) => group === 'backup' });
    expect(platform.as(alice, () => api.rotate!())).toEqual({ Ok: 'rotated' });
    expect(
      platform.as(Principal.fromUint8Array(new Uint8Array([5])), () => api.snapshot!()),
    ).toEqual({ Ok: 'snap' });
  });

  it('collects plugin endpoints before domain endpoints, and health checks from any plugin', () => {
    const platform = new MemoryPlatform();
    const canister = composeCanister(
      { name: 'x', plugins: [notes, [gate, { closed: true }], recorder], endpoints: [Admin] },
      platform,
    );
    expect(canister.order).toEqual(['notes', 'recorder', 'gate']);
    expect(canister.classes.map((c) => c.name)).toEqual(['NotesEndpoints', 'Admin']);
    const health = canister.host.container.resolve(HEALTH_CHECKS).runAll();
    expect(health).toEqual([{ plugin: 'gate', name: 'gate-open', report: { healthy: false } }]);
  });

  it('wraps a failing hook with the plugin and hook names', () => {
    const broken = definePlugin({
      name: 'broken',
      setup: (ctx) =>
        ctx.onInit(() => {
          throw new Error('disk on fire');
        }),
    });
    const canister = composeCanister({ name: 'x', plugins: [broken] }, new MemoryPlatform());
    expect(() => canister.init()).toThrow("plugin 'broken' hook 'init': disk on fire");
  });

  it('serves a plugin store through its endpoints and keeps it across an upgrade', () => {
    const platform = new MemoryPlatform();
    const first = composeCanister({ name: 'x', plugins: [[notes, { maxLength: 5 }]] }, platform);
    first.init();
    const [Endpoints] = first.classes as [
      new () => Record<string, (...args: unknown[]) => unknown>,
    ];
    const api = new Endpoints();
    expect(platform.as(alice, () => api.add_note!('hello'))).toEqual({ Ok: 0n });
    expect(platform.as(alice, () => api.add_note!('too long'))).toMatchObject({
      Err: { code: 'INPUT_TOO_LONG' },
    });
    first.preUpgrade();
    platform.upgrade();

    const second = composeCanister(
      { name: 'x', plugins: [recorder, [notes, { maxLength: 5 }]] },
      platform,
    );
    second.postUpgrade();
    const [Again] = second.classes as [new () => Record<string, (...args: unknown[]) => unknown>];
    expect(platform.as(alice, () => new Again().my_notes!())).toEqual(['hello']);
  });
});
