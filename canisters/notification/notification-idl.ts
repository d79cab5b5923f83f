import { IDL, Result } from '../../core/index.ts';

/** Candid types of the notification canister's own endpoints. */
export const Notification = IDL.Record({
  id: IDL.Text,
  kind: IDL.Text,
  title: IDL.Text,
  body: IDL.Text,
  due_at_ms: IDL.Nat64,
  delivered_at_ms: IDL.Nat64,
  read: IDL.Bool,
  calendar_id: IDL.Opt(IDL.Text),
  event_uid: IDL.Opt(IDL.Text),
  starts_at_ms: IDL.Opt(IDL.Nat64),
});
export const NotificationPage = IDL.Record({
  entries: IDL.Vec(Notification),
  next: IDL.Opt(IDL.Text),
  unread: IDL.Nat32,
});
export const Webhook = IDL.Record({
  id: IDL.Text,
  url: IDL.Text,
  calendar_id: IDL.Opt(IDL.Text),
  secret: IDL.Text,
});
export const WebhookInput = IDL.Record({ url: IDL.Text, calendar_id: IDL.Opt(IDL.Text) });
export const AlertInput = IDL.Record({ kind: IDL.Text, severity: IDL.Text, message: IDL.Text });
export const AlertSettings = IDL.Record({
  recipients: IDL.Vec(IDL.Principal),
  webhook_url: IDL.Opt(IDL.Text),
});
export const Stats = IDL.Record({
  queue_depth: IDL.Nat64,
  series: IDL.Nat64,
  delivered: IDL.Nat64,
  webhooks_delivered: IDL.Nat64,
  retried: IDL.Nat64,
  dead_lettered: IDL.Nat64,
  pending_deliveries: IDL.Nat64,
  last_lag_ms: IDL.Nat64,
  max_lag_ms: IDL.Nat64,
  alerts: IDL.Nat64,
  outcall_cycles: IDL.Nat64,
  /** the most instructions a sync or drain message used, and the last of each with its size */
  max_message_instructions: IDL.Nat64,
  last_sync_instructions: IDL.Nat64,
  last_sync_changes: IDL.Nat64,
  last_drain_instructions: IDL.Nat64,
  last_drain_fired: IDL.Nat64,
});
export const DeadLetter = IDL.Record({
  id: IDL.Text,
  hook_id: IDL.Text,
  idempotency_key: IDL.Text,
  attempts: IDL.Nat32,
  last_error: IDL.Text,
});

export const NotificationPageResult = Result(NotificationPage);
export const CountResult = Result(IDL.Nat32);
export const WebhookResult = Result(Webhook);
export const WebhooksResult = Result(IDL.Vec(Webhook));
export const BoolResult = Result(IDL.Bool);
export const Nat64Result = Result(IDL.Nat64);
export const StatsResult = Result(Stats);
export const DeadLettersResult = Result(IDL.Vec(DeadLetter));
export const SecretResult = Result(IDL.Opt(IDL.Text));
