import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { linkNotification, type NotificationLinkActor } from './link-notification.ts';

const id = (n: number) => Principal.fromUint8Array(new Uint8Array([n, 1, 1])).toText();

function fakeShards() {
  const targets = new Map<string, string>();
  const calls: string[] = [];
  const actor = (shard: string): NotificationLinkActor => ({
    get_notification_canister: async () => {
      const t = targets.get(shard);
      return t === undefined ? [] : [Principal.fromText(t)];
    },
    set_notification_canister: async (canister) => {
      calls.push(`${shard}=${canister.toText()}`);
      targets.set(shard, canister.toText());
      return { Ok: canister };
    },
  });
  return { actor, calls };
}

describe('linkNotification', () => {
  const deployment = [
    { id: id(1), type: 'calendar' },
    { id: id(2), type: 'calendar' },
    { id: id(3), type: 'notification' },
  ];

  it('points each calendar shard at the notification canister once', async () => {
    const fake = fakeShards();
    expect((await linkNotification(deployment, fake.actor)).written).toHaveLength(2);
    expect(fake.calls).toEqual([`${id(1)}=${id(3)}`, `${id(2)}=${id(3)}`]);
    expect(await linkNotification(deployment, fake.actor)).toEqual({ written: [] });
    expect(fake.calls).toHaveLength(2);
  });

  it('links nothing without exactly one notification canister', async () => {
    const fake = fakeShards();
    expect(await linkNotification(deployment.slice(0, 2), fake.actor)).toEqual({ written: [] });
    const two = [...deployment, { id: id(4), type: 'notification' }];
    expect((await linkNotification(two, fake.actor)).skipped).toContain('found 2');
    expect(fake.calls).toEqual([]);
  });
});
