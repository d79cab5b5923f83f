import {
  allow,
  IDL,
  inject,
  Principal,
  query,
  token,
  update,
  type Platform,
  type StableStore,
  type TimerId,
} from '../../core/index.ts';
import { ReminderChange } from '../notification/sync-idl.ts';
import type { EventRecord } from './calendar-model.ts';
import { PrincipalResult } from './calendar-idl.ts';

type Change = { upsert: Record<string, unknown> } | { remove: string } | { forget: string };
interface Pending {
  seq: number;
  change: Change;
}

/** ~12 M instructions per change on the notification side: 100 keep a sync near 1.3 B. */
const BATCH = 100;
const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

/**
 * Tells the notification canister about events with reminders (create, update, recurrence edits,
 * EXDATEs, overrides, delete) and erased users. Changes wait in a stable outbox, coalesced per
 * event, and a timer sends them in batches, so a calendar write never waits on that canister.
 * Nothing is recorded until an admin names the notification canister.
 */
export class ReminderSync {
  private timer: TimerId | undefined;

  constructor(
    private readonly platform: Platform,
    private readonly events: StableStore<EventRecord>,
    private readonly meta: StableStore<string | number>,
    private readonly outbox: StableStore<Pending>,
  ) {}

  target(): string | undefined {
    const value = this.meta.get('notification-canister');
    return typeof value === 'string' ? value : undefined;
  }

  setTarget(principal: string): string {
    this.meta.set('notification-canister', principal);
    return principal;
  }

  /** Called before an event is written (`after`) or removed (undefined). */
  changed(id: string, after: EventRecord | undefined): void {
    if (this.target() === undefined) return;
    if (after?.event.reminders?.length) this.record(id, { upsert: seriesOf(after) });
    else if (this.events.get(id)?.event.reminders?.length || this.outbox.has(id))
      this.record(id, { remove: id });
  }

  userErased(user: string): void {
    if (this.target() !== undefined) this.record(`forget:${user}`, { forget: user });
  }

  /** Sends up to one batch of waiting changes; kept for the next run when the call fails. */
  async flush(): Promise<void> {
    const target = this.target();
    if (target === undefined) return;
    const entries = this.outbox.page(0, BATCH).entries;
    const changes = entries.filter(([, p]) => !('forget' in p.change));
    try {
      if (changes.length > 0) {
        const reply = await this.platform.call<{ Ok: number } | { Err: { code: string } }>(
          Principal.fromText(target),
          'sync_reminders',
          {
            paramIdlTypes: [IDL.Vec(ReminderChange)],
            returnIdlType: IDL.Variant({
              Ok: IDL.Nat32,
              Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
            }),
            args: [changes.map(([, p]) => p.change)],
          },
        );
        if ('Err' in reply) return;
      }
      for (const [, p] of entries.filter(([, q]) => 'forget' in q.change)) {
        const user = (p.change as { forget: string }).forget;
        await this.platform.call(Principal.fromText(target), 'forget_user', {
          paramIdlTypes: [IDL.Principal],
          returnIdlType: IDL.Variant({
            Ok: IDL.Bool,
            Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
          }),
          args: [Principal.fromText(user)],
        });
      }
    } catch {
      return;
    }
    // Only what was sent leaves the outbox: a newer change to the same event stays queued.
    for (const [key, sent] of entries)
      if (this.outbox.get(key)?.seq === sent.seq) this.outbox.delete(key);
    if (this.outbox.size() > 0) this.schedule();
  }

  private record(key: string, change: Change): void {
    const seq = Number(this.meta.get('reminder-seq') ?? 0) + 1;
    this.meta.set('reminder-seq', seq);
    this.outbox.set(key, { seq, change });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = this.platform.setTimer(0, () => {
      this.timer = undefined;
      return this.flush();
    });
  }
}

function seriesOf(record: EventRecord) {
  const e = record.event;
  return {
    event_id: record.id,
    owner: Principal.fromText(record.owner),
    calendar_id: record.calendarId,
    uid: e.uid,
    title: e.title,
    time_zone: e.timeZone,
    all_day: e.allDay,
    start: e.start,
    end: e.end,
    rrule: opt(e.rrule),
    exdates: e.exdates ?? [],
    rdates: e.rdates ?? [],
    overrides: (e.overrides ?? []).map((o) => ({
      recurrence_id: o.recurrenceId,
      cancelled: o.cancelled ?? false,
      start: opt(o.start),
      end: opt(o.end),
    })),
    minutes: [...new Set((e.reminders ?? []).map((r) => r.minutesBefore))],
  };
}

export const REMINDER_SYNC = token<ReminderSync>('calendar/reminder-sync');

/** Names the notification canister this shard sends reminder changes to (deploy sets it). */
export class ReminderSyncEndpoints {
  private readonly sync = inject(REMINDER_SYNC);

  @update([IDL.Principal], PrincipalResult)
  @allow('admin')
  set_notification_canister(canister: Principal) {
    return Principal.fromText(this.sync.setTarget(canister.toText()));
  }

  @query([], IDL.Opt(IDL.Principal))
  @allow('public')
  get_notification_canister() {
    const target = this.sync.target();
    return target === undefined ? [] : [Principal.fromText(target)];
  }
}
