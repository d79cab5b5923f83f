import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, definePlugin, type InterCanisterCall } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import { ALERT_QUIET_MS, AlertSender } from './alert-sender.ts';

const registry = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const notification = 'ryjl3-tyaaa-aaaaa-aaaba-cai';

function setup() {
  const platform = new MemoryPlatform();
  const sent: { kind: string; severity: string; message: string }[] = [];
  let answer: () => unknown = () => ({ Ok: BigInt(sent.length) });
  platform.calls.set(registry, (method: string) => {
    expect(method).toBe('lookup');
    return [
      {
        group: 'app',
        canister: Principal.fromText(notification),
        kind: 'notification',
        shard: [],
        added_at: 0n,
      },
    ];
  });
  platform.calls.set(notification, (method: string, request: InterCanisterCall) => {
    expect(method).toBe('send_alert');
    const reply = answer();
    if (reply && typeof reply === 'object' && 'Ok' in reply) sent.push(request.args[0] as never);
    return reply;
  });
  let sender!: AlertSender;
  const probe = definePlugin({
    name: 'probe',
    dependsOn: ['auth'],
    setup: (ctx) => void (sender = AlertSender.declare(ctx)),
  });
  composeCanister({ name: 'probe', plugins: [[auth, { registry }], probe] }, platform).init();
  return { platform, sent, sender, answer: (next: () => unknown) => (answer = next) };
}

const unhealthy = {
  kind: 'shard_unhealthy',
  severity: 'critical',
  message: 'shard 0 is unhealthy',
} as const;

describe('AlertSender', () => {
  it('sends a flapping condition once within the quiet window, again after it', async () => {
    const { platform, sent, sender } = setup();
    for (let i = 0; i < 5; i++) {
      sender.raise('shard-unhealthy:a', unhealthy);
      await sender.flush();
      platform.advance(60);
    }
    expect(sent).toEqual([unhealthy]);
    platform.advance(ALERT_QUIET_MS / 1000);
    sender.raise('shard-unhealthy:a', unhealthy);
    await sender.flush();
    expect(sent).toHaveLength(2);
  });

  it('sends again at once when the condition gets worse; once-conditions never repeat', async () => {
    const { platform, sent, sender } = setup();
    const degraded = { kind: 'canister_degraded', severity: 'warning', message: 'x' } as const;
    expect(sender.raise('health:c', degraded)).toBe(true);
    await sender.flush();
    expect(sender.raise('health:c', degraded)).toBe(false);
    expect(sender.raise('health:c', { ...degraded, severity: 'critical' })).toBe(true);
    expect(sender.raise('health:c', degraded)).toBe(false);
    const provisioned = { kind: 'shard_provisioned', severity: 'info', message: 'y' } as const;
    expect(sender.raise('shard-provisioned:s', provisioned, { once: true })).toBe(true);
    platform.advance((2 * ALERT_QUIET_MS) / 1000);
    expect(sender.raise('shard-provisioned:s', provisioned, { once: true })).toBe(false);
    await sender.flush();
    expect(sent.map((a) => a.severity)).toEqual(['warning', 'critical', 'info']);
  });

  it('keeps what the notification canister refused or never answered for the next flush', async () => {
    const { sent, sender, answer } = setup();
    sender.raise('backup-failed:c', { kind: 'backup_failed', severity: 'critical', message: 'z' });
    answer(() => ({ Err: { code: 'AUTH_FORBIDDEN', message: 'cold cache' } }));
    expect(await sender.flush()).toBe(0);
    answer(() => {
      throw new Error('canister stopped');
    });
    expect(await sender.flush()).toBe(0);
    expect(sender.pending()).toBe(1);
    answer(() => ({ Ok: 1n }));
    expect(await sender.flush()).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sender.pending()).toBe(0);
  });
});
