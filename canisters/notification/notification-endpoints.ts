import {
  allow,
  caller,
  HttpResult,
  type HttpResultValue,
  IDL,
  inject,
  platform,
  Principal,
  query,
  token,
  TransformArgs,
  update,
} from '../../core/index.ts';
import type { InboxRecord, WebhookRecord } from './notification-model.ts';
import {
  BoolResult,
  CountResult,
  NotificationPageResult,
  WebhookInput,
  WebhookResult,
  WebhooksResult,
} from './notification-idl.ts';
import type { Notifier } from './notifier.ts';

export const NOTIFIER = token<Notifier>('notification/notifier');

const me = () => caller().toText();
const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

export const notificationView = (id: string, e: InboxRecord) => ({
  id,
  kind: e.kind,
  title: e.title,
  body: e.body,
  due_at_ms: BigInt(e.dueMs),
  delivered_at_ms: BigInt(e.deliveredMs),
  read: e.read,
  calendar_id: opt(e.calendarId),
  event_uid: opt(e.eventUid),
  starts_at_ms: opt(e.startMs === undefined ? undefined : BigInt(e.startMs)),
});

const webhookView = (w: WebhookRecord) => ({
  id: w.id,
  url: w.url,
  calendar_id: opt(w.calendarId),
  secret: w.secret,
});

/** Random bytes from the IC (raw_rand) as hex: a webhook's signing secret. */
export async function newSecret(): Promise<string> {
  const bytes = await platform().call<Uint8Array>(Principal.managementCanister(), 'raw_rand', {
    paramIdlTypes: [],
    returnIdlType: IDL.Vec(IDL.Nat8),
    args: [],
  });
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A user's inbox and webhooks; each user sees and changes only their own. */
export class NotificationEndpoints {
  private readonly notifier = inject(NOTIFIER);

  @query([IDL.Opt(IDL.Text), IDL.Nat32], NotificationPageResult)
  @allow('user')
  my_notifications(cursor: [] | [string], limit: number) {
    const page = this.notifier.inbox.page(me(), cursor[0], limit);
    return {
      entries: page.entries.map(({ id, entry }) => notificationView(id, entry)),
      next: opt(page.next),
      unread: this.notifier.inbox.unread(me()),
    };
  }

  @query([], IDL.Nat32)
  @allow('user')
  unread_count() {
    return this.notifier.inbox.unread(me());
  }

  @update([IDL.Vec(IDL.Text)], CountResult)
  @allow('user')
  mark_read(ids: string[]) {
    return this.notifier.inbox.markRead(me(), ids);
  }

  /** Adds a webhook for all the caller's reminders or one calendar's; the reply holds its secret. */
  @update([WebhookInput], WebhookResult)
  @allow('user')
  async add_webhook(input: { url: string; calendar_id: [] | [string] }) {
    const owner = me();
    this.notifier.hooks.validate(input.url);
    const secret = await newSecret();
    const hook = this.notifier.hooks.add(
      owner,
      input.url,
      secret,
      this.notifier.nowMs(),
      input.calendar_id[0],
    );
    return webhookView(hook);
  }

  @query([], WebhooksResult)
  @allow('user')
  my_webhooks() {
    return this.notifier.hooks.of(me()).map(webhookView);
  }

  @update([IDL.Text], BoolResult)
  @allow('user')
  remove_webhook(id: string) {
    this.notifier.hooks.remove(me(), id);
    return true;
  }

  /** Keeps only the status of a webhook response, so every replica agrees on it. */
  @query([TransformArgs], HttpResult)
  @allow('public')
  transform_webhook_response(args: { response: HttpResultValue }) {
    return { status: args.response.status, headers: [], body: new Uint8Array(0) };
  }
}
