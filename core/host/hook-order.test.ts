import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../testing/azle-stub.ts'));

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { composeCanister } from '../compose-canister.ts';
import { allow } from '../decorators/access.ts';
import { update } from '../decorators/canister-methods.ts';
import { CanisterError } from '../errors/canister-error.ts';
import { Result } from '../errors/result.ts';
import { inject } from './current-runtime.ts';
import gate from '../fixtures/plugins/gate/index.ts';
import recorder, { HOOK_LOG } from '../fixtures/plugins/recorder/index.ts';
import { HOOKS } from '../plugin.ts';
import { MemoryPlatform } from '../testing/memory-platform.ts';

const alice = Principal.fromUint8Array(new Uint8Array([1, 2, 3]));

function compose(options: { closed?: boolean } = {}) {
  class Echo {
    private readonly log = inject(HOOK_LOG);

    @update([IDL.Text], Result(IDL.Text))
    @allow('user')
    echo(text: string): string {
      this.log.push('handler');
      if (text === 'fail') throw new CanisterError('INPUT_INVALID', 'fail on purpose');
      return text;
    }
  }
  const platform = new MemoryPlatform();
  // YAML order lists gate first; gate depends on recorder, so recorder sets up first.
  const canister = composeCanister(
    { name: 'echo', plugins: [[gate, options], recorder], endpoints: [Echo] },
    platform,
  );
  const hookLog = canister.host.container.resolve(HOOK_LOG);
  return { canister, platform, hookLog, echo: new Echo() };
}

describe('hook order', () => {
  it('runs setup → init → before → guards → handler → after (reverse) → preUpgrade (reverse)', () => {
    const { canister, platform, hookLog, echo } = compose();
    canister.init();
    const reply = platform.as(alice, () => echo.echo('hi'));
    canister.preUpgrade();

    expect(canister.order).toEqual(['recorder', 'gate']);
    expect(reply).toEqual({ Ok: 'hi' });
    expect(hookLog).toEqual([
      'recorder.setup',
      'gate.setup',
      'recorder.init',
      'gate.init',
      'recorder.before:echo',
      'gate.before:echo',
      'recorder.guard',
      'gate.guard',
      'handler',
      'gate.after:echo:ok',
      'recorder.after:echo:ok',
      'gate.preUpgrade',
      'recorder.preUpgrade',
    ]);
  });

  it('runs postUpgrade hooks, not init hooks, after an upgrade and re-arms timers', () => {
    const { canister, platform, hookLog } = compose();
    canister.init();
    expect(platform.pendingTimers()).toBe(1);
    canister.preUpgrade();
    platform.upgrade();
    expect(platform.pendingTimers()).toBe(0);
    canister.postUpgrade();
    expect(platform.pendingTimers()).toBe(1);
    platform.advance(60);
    expect(hookLog.slice(-5)).toEqual([
      'gate.preUpgrade',
      'recorder.preUpgrade',
      'recorder.postUpgrade',
      'gate.postUpgrade',
      'recorder.timer',
    ]);
    expect(hookLog.filter((entry) => entry.endsWith('.init'))).toHaveLength(2);
  });

  it('declares a kind for every hook in one table', () => {
    expect(Object.keys(HOOKS)).toEqual([
      'setup',
      'init',
      'postUpgrade',
      'intercept',
      'admit',
      'guard',
      'preUpgrade',
    ]);
    expect(new Set(Object.values(HOOKS).map((h) => h.kind))).toEqual(
      new Set(['sequential', 'onion', 'first-refusal']),
    );
  });
});

describe('guards and interceptors', () => {
  it('stops at the first refusal: the handler and later guards do not run, interceptors see it', () => {
    const { canister, platform, hookLog, echo } = compose({ closed: true });
    canister.init();
    const reply = platform.as(alice, () => echo.echo('hi'));
    expect(reply).toEqual({
      Err: { code: 'GATE_CLOSED', message: 'echo is closed by the gate fixture' },
    });
    expect(hookLog).not.toContain('handler');
    expect(hookLog.slice(-4)).toEqual([
      'recorder.guard',
      'gate.guard',
      'gate.after:echo:failed',
      'recorder.after:echo:failed',
    ]);
  });

  it('refuses the anonymous caller before any plugin guard runs', () => {
    const { canister, hookLog, echo } = compose();
    canister.init();
    const reply = echo.echo('hi') as unknown as { Err: { code: string } };
    expect(reply.Err.code).toBe('AUTH_ANONYMOUS');
    expect(hookLog).not.toContain('recorder.guard');
    expect(hookLog.at(-1)).toBe('recorder.after:echo:failed');
  });

  it('lets after-interceptors see a handler failure, which reaches the caller as Err', () => {
    const { canister, platform, hookLog, echo } = compose();
    canister.init();
    const reply = platform.as(alice, () => echo.echo('fail'));
    expect(reply).toEqual({ Err: { code: 'INPUT_INVALID', message: 'fail on purpose' } });
    expect(hookLog.slice(-2)).toEqual(['gate.after:echo:failed', 'recorder.after:echo:failed']);
  });
});
