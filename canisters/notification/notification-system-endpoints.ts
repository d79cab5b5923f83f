import {
  allow,
  caller,
  CanisterError,
  IDL,
  inject,
  Principal,
  query,
  update,
} from '../../core/index.ts';
import { NOTIFICATION_LIMITS, type SeriesEventData } from './notification-model.ts';
import {
  AlertInput,
  AlertSettings,
  BoolResult,
  CountResult,
  DeadLettersResult,
  Nat64Result,
  SecretResult,
  StatsResult,
} from './notification-idl.ts';
import { newSecret, NOTIFIER } from './notification-endpoints.ts';
import { ReminderChange, type ReminderChangeView, type SeriesInputView } from './sync-idl.ts';

const eventOf = (s: SeriesInputView): SeriesEventData => ({
  uid: s.uid,
  title: s.title,
  timeZone: s.time_zone,
  allDay: s.all_day,
  start: s.start,
  end: s.end,
  ...(s.rrule.length ? { rrule: s.rrule[0] } : {}),
  exdates: s.exdates,
  rdates: s.rdates,
  overrides: s.overrides.map((o) => ({
    recurrenceId: o.recurrence_id,
    ...(o.cancelled ? { cancelled: true } : {}),
    ...(o.start.length ? { start: o.start[0] } : {}),
    ...(o.end.length ? { end: o.end[0] } : {}),
  })),
});

/** Calls from calendar shards (group app), the system side (alerts) and admins (stats, settings). */
export class NotificationSystemEndpoints {
  private readonly notifier = inject(NOTIFIER);

  /** A calendar shard's reminder changes, keyed by its own event ids. */
  @update([IDL.Vec(ReminderChange)], CountResult)
  @allow('group:app')
  sync_reminders(changes: ReminderChangeView[]) {
    if (changes.length > NOTIFICATION_LIMITS.maxChanges)
      throw new CanisterError('NOTIFY_INVALID', 'too many changes', {
        expected: `at most ${NOTIFICATION_LIMITS.maxChanges}`,
        found: String(changes.length),
      });
    const shard = caller().toText();
    const now = this.notifier.nowMs();
    for (const change of changes) {
      if ('remove' in change) this.notifier.queue.remove(shard, change.remove);
      else
        this.notifier.queue.upsert(
          shard,
          {
            eventId: change.upsert.event_id,
            owner: change.upsert.owner.toText(),
            calendarId: change.upsert.calendar_id,
            event: eventOf(change.upsert),
            minutes: change.upsert.minutes,
          },
          now,
        );
    }
    this.notifier.arm();
    this.notifier.measure('sync', changes.length);
    return changes.length;
  }

  /** Forgets an erased user in bounded batches: reminders, inbox, webhooks (`true` when done). */
  @update([IDL.Principal], BoolResult)
  @allow('group:app')
  forget_user(user: Principal) {
    const who = user.toText();
    const done = this.notifier.queue.forgetUser(who, NOTIFICATION_LIMITS.eraseBatch);
    if (!done) return false;
    this.notifier.hooks.erase(who);
    return this.notifier.inbox.erase(who, NOTIFICATION_LIMITS.eraseBatch);
  }

  /** An alert from health, backup or the load balancer: admins' inboxes and the admin webhook. */
  @update([AlertInput], Nat64Result)
  @allow('group:system', 'admin')
  send_alert(input: { kind: string; severity: string; message: string }) {
    const tooLong = [input.kind, input.severity, input.message].some((t) => t.length > 2000);
    if (tooLong || input.kind.length === 0)
      throw new CanisterError('NOTIFY_INVALID', 'alert fields must be 1-2000 characters');
    const seq = this.notifier.alert(caller().toText(), input.kind, input.severity, input.message);
    return BigInt(seq);
  }

  /** Who receives alerts and where the admin webhook is; replies the new hook's secret. */
  @update([AlertSettings], SecretResult)
  @allow('admin')
  async set_alert_settings(input: { recipients: Principal[]; webhook_url: [] | [string] }) {
    if (input.recipients.length > 50)
      throw new CanisterError('NOTIFY_INVALID', 'at most 50 alert recipients');
    const url = input.webhook_url[0];
    if (url !== undefined) this.notifier.hooks.validate(url);
    const secret = url === undefined ? undefined : await newSecret();
    this.notifier.setAlertSettings(
      input.recipients.map((p) => p.toText()),
      url === undefined || secret === undefined ? undefined : { url, secret },
    );
    return secret === undefined ? [] : [secret];
  }

  @query([], StatsResult)
  @allow('admin')
  get_notification_stats() {
    return this.notifier.stats();
  }

  @query([IDL.Nat32], DeadLettersResult)
  @allow('admin')
  list_dead_letters(limit: number) {
    return this.notifier.delivery.dead(Math.min(limit, NOTIFICATION_LIMITS.pageLimit)).map((d) => ({
      id: d.id,
      hook_id: d.hookId,
      idempotency_key: d.idempotencyKey,
      attempts: d.attempts,
      last_error: d.lastError ?? '',
    }));
  }

  /** Lets webhooks point at http://127.0.0.1 (local networks and tests only; off by default). */
  @update([IDL.Bool], BoolResult)
  @allow('admin')
  set_allow_loopback_webhooks(allow: boolean) {
    this.notifier.hooks.setAllowLoopback(allow);
    return allow;
  }
}
