import type { NotificationItem, NotificationSource } from './notification-source.ts';

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

/** The notification canister methods the bell uses (an actor from its generated bindings). */
export interface NotificationActor {
  unread_count(): Promise<number>;
  my_notifications(
    cursor: [] | [string],
    limit: number,
  ): Promise<
    Reply<{
      entries: {
        id: string;
        kind: string;
        title: string;
        body: string;
        delivered_at_ms: bigint;
        read: boolean;
      }[];
    }>
  >;
  mark_read(ids: string[]): Promise<Reply<number>>;
}

function ok<T>(reply: Reply<T>): T {
  if ('Err' in reply) throw new Error(`${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}

/** The signed-in user's inbox on the notification canister (polled by the bell). */
export class CanisterNotificationSource implements NotificationSource {
  constructor(private readonly actor: NotificationActor) {}

  unreadCount(): Promise<number> {
    return this.actor.unread_count();
  }

  async list(limit: number): Promise<NotificationItem[]> {
    const page = ok(await this.actor.my_notifications([], limit));
    return page.entries.map((e) => ({
      id: e.id,
      kind: e.kind === 'alert' ? 'alert' : 'reminder',
      title: e.title,
      body: e.body,
      deliveredAt: Number(e.delivered_at_ms),
      read: e.read,
    }));
  }

  async markRead(ids: string[]): Promise<number> {
    return ok(await this.actor.mark_read(ids));
  }
}
