import { describe, expect, it } from 'vitest';

import {
  CanisterNotificationSource,
  type NotificationActor,
} from './canister-notification-source.ts';

describe('CanisterNotificationSource', () => {
  it('maps the canister inbox and reports refusals as errors', async () => {
    const marked: string[][] = [];
    const actor: NotificationActor = {
      unread_count: async () => 2,
      my_notifications: async (_cursor, limit) => ({
        Ok: {
          entries: [
            {
              id: 'a',
              kind: 'reminder',
              title: 'Dentist',
              body: 'starts in 10 min',
              delivered_at_ms: 5n,
              read: false,
            },
            {
              id: 'b',
              kind: 'alert',
              title: 'critical: backup_failed',
              body: 'x',
              delivered_at_ms: 4n,
              read: true,
            },
          ].slice(0, limit),
        },
      }),
      mark_read: async (ids) => {
        marked.push(ids);
        return ids.length > 5
          ? { Err: { code: 'NOTIFY_INVALID', message: 'too many ids' } }
          : { Ok: 1 };
      },
    };
    const source = new CanisterNotificationSource(actor);
    expect(await source.unreadCount()).toBe(2);
    expect(await source.list(1)).toEqual([
      {
        id: 'a',
        kind: 'reminder',
        title: 'Dentist',
        body: 'starts in 10 min',
        deliveredAt: 5,
        read: false,
      },
    ]);
    expect((await source.list(5))[1]!.kind).toBe('alert');
    expect(await source.markRead(['a'])).toBe(1);
    await expect(source.markRead(['1', '2', '3', '4', '5', '6'])).rejects.toThrow('NOTIFY_INVALID');
    expect(marked).toHaveLength(2);
  });
});
