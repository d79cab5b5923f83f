/** One entry of the signed-in user's inbox (a fired reminder or an alert). */
export interface NotificationItem {
  id: string;
  kind: 'reminder' | 'alert';
  title: string;
  body: string;
  /** UTC ms it was delivered */
  deliveredAt: number;
  read: boolean;
}

/**
 * Where the bell reads the inbox. The canister-backed source calls the notification canister's
 * `unread_count`, `my_notifications` and `mark_read`; `MemoryNotificationSource` serves tests.
 * `subscribe` tells the bell to refresh (a push source); polling sources may leave it out.
 */
export interface NotificationSource {
  unreadCount(): Promise<number>;
  list(limit: number): Promise<NotificationItem[]>;
  markRead(ids: string[]): Promise<number>;
  subscribe?(listener: () => void): () => void;
}

/** An inbox held in memory: newest first; `deliver` is what a fired reminder does. */
export class MemoryNotificationSource implements NotificationSource {
  private readonly items: NotificationItem[] = [];
  private readonly listeners = new Set<() => void>();
  private next = 1;

  deliver(item: {
    title: string;
    body?: string;
    kind?: 'reminder' | 'alert';
    at?: number;
  }): string {
    const id = `n${this.next++}`;
    this.items.unshift({
      id,
      kind: item.kind ?? 'reminder',
      title: item.title,
      body: item.body ?? '',
      deliveredAt: item.at ?? Date.now(),
      read: false,
    });
    for (const listener of this.listeners) listener();
    return id;
  }

  async unreadCount(): Promise<number> {
    return this.items.filter((item) => !item.read).length;
  }

  async list(limit: number): Promise<NotificationItem[]> {
    return this.items.slice(0, limit).map((item) => ({ ...item }));
  }

  async markRead(ids: string[]): Promise<number> {
    for (const item of this.items) if (ids.includes(item.id)) item.read = true;
    return this.unreadCount();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
