import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { calendarInput, eventInput, localUtc, remindersIcs } from './notification-events.ts';
import {
  controller,
  ok,
  startNotificationSystem,
  type NotificationSystem,
} from './notification-system.ts';
import { verifySignature, WebhookServer } from './webhook-server.ts';

const id = (n: number) => Ed25519KeyIdentity.generate(new Uint8Array(32).fill(n));
const [alice, bob, carol, dave, erin] = [81, 82, 83, 84, 85].map(id) as Ed25519KeyIdentity[];
const MIN = 60_000;
// `npm run drill:notification` runs the 10,000 (tens of minutes on 2 cores).
const BATCH = Number(process.env.NOTIFY_BATCH ?? 300);

let sys: NotificationSystem;
const hooks = new WebhookServer();
let clock = 0;
/** The network time in ms (kept in step by advanceTo / step). */
const now = () => clock;
const inbox = async (who: Ed25519KeyIdentity) =>
  ok(await sys.as('notification', who).my_notifications([], 100));
const stats = async () => ok(await sys.notification.get_notification_stats());
/** Moves the clock to `ms` (whole seconds) and lets every timer and call settle. */
const step = async (ms: number) => {
  await sys.advance(ms);
  clock = await sys.network.getTime();
};
const advanceTo = (ms: number) => step(ms - now());

async function newCalendar(who: Ed25519KeyIdentity) {
  return ok(await sys.as('calendar', who).create_calendar(calendarInput('Reminders'))).id as string;
}
async function addHook(who: Ed25519KeyIdentity, path: string) {
  return ok(
    await sys.as('notification', who).add_webhook({ url: `${hooks.url}${path}`, calendar_id: [] }),
  ) as { id: string; secret: string };
}

beforeAll(async () => {
  await hooks.start();
  sys = await startNotificationSystem(Date.parse('2027-03-20T00:00:00Z'));
  clock = await sys.network.getTime();
}, 900_000);

afterAll(async () => {
  await hooks.stop();
});

describe('notification canister on localnet (calendar shard → queue → inbox and webhooks)', () => {
  it('reminds a weekly Berlin 09:00 event every week across the DST change, at 09:00 local', async () => {
    const calendar = await newCalendar(alice);
    ok(
      await sys.as('calendar', alice).create_event(
        calendar,
        eventInput('Standup', 0, {
          time_zone: 'Europe/Berlin',
          start: '2027-03-22T09:00:00',
          end: '2027-03-22T09:30:00',
          rrule: ['FREQ=WEEKLY'],
        }),
      ),
    );
    await step(1_000);
    await advanceTo(Date.parse('2027-03-22T07:49:00Z'));
    expect((await inbox(alice)).entries).toHaveLength(0);
    await advanceTo(Date.parse('2027-03-22T07:50:00Z')); // CET: 08:50 local
    expect((await inbox(alice)).entries).toHaveLength(1);
    await advanceTo(Date.parse('2027-03-29T06:49:00Z'));
    expect((await inbox(alice)).entries).toHaveLength(1);
    await advanceTo(Date.parse('2027-03-29T06:50:00Z')); // CEST: still 08:50 local
    const page = await inbox(alice);
    expect(page.entries.map((e: { starts_at_ms: [bigint] }) => e.starts_at_ms[0])).toEqual([
      BigInt(Date.parse('2027-03-29T07:00:00Z')),
      BigInt(Date.parse('2027-03-22T08:00:00Z')),
    ]);
    expect((await stats()).queue_depth).toBe(1n); // the series stays one entry
  });

  it('a 10-minute reminder gives one inbox entry and one signed POST at its instant', async () => {
    const calendar = await newCalendar(bob);
    const hook = await addHook(bob, '/bob');
    const start = now() + 30 * MIN;
    ok(await sys.as('calendar', bob).create_event(calendar, eventInput('Dentist', start)));
    await step(1_000);
    await advanceTo(start - 10 * MIN - 1_000);
    expect(await sys.as('notification', bob).unread_count()).toBe(0);
    expect(hooks.on('/bob')).toHaveLength(0);
    await advanceTo(start - 10 * MIN);
    const page = await inbox(bob);
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ title: 'Dentist', kind: 'reminder', read: false });
    expect(page.entries[0].delivered_at_ms).toBe(BigInt(start - 10 * MIN));
    expect(hooks.on('/bob')).toHaveLength(1);
    const post = hooks.on('/bob')[0]!;
    expect(verifySignature(hook.secret, post)).toBe(true);
    expect(JSON.parse(post.body)).toMatchObject({
      type: 'reminder',
      title: 'Dentist',
      minutes_before: 10,
    });
    ok(await sys.as('notification', bob).mark_read([page.entries[0].id]));
    expect(await sys.as('notification', bob).unread_count()).toBe(0);
  });

  it('a hook failing twice then succeeding: once in the inbox, three POSTs with one idempotency key', async () => {
    const calendar = await newCalendar(carol);
    await addHook(carol, '/flaky');
    hooks.answers.set('/flaky', (attempt) => (attempt <= 2 ? 503 : 200));
    const start = now() + 20 * MIN;
    ok(await sys.as('calendar', carol).create_event(calendar, eventInput('Flaky', start)));
    await step(1_000);
    await advanceTo(start - 10 * MIN);
    await step(30_000);
    await step(60_000);
    await step(60_000);
    const posts = hooks.on('/flaky');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
    expect((await inbox(carol)).entries).toHaveLength(1);
    expect(await stats()).toMatchObject({ retried: 2n, dead_lettered: 0n });
  });

  it('a permanently failing hook lands in the dead letters after 5 attempts', async () => {
    const calendar = await newCalendar(dave);
    await addHook(dave, '/down');
    hooks.answers.set('/down', () => 500);
    const start = now() + 20 * MIN;
    ok(await sys.as('calendar', dave).create_event(calendar, eventInput('Down', start)));
    await step(1_000);
    await advanceTo(start - 10 * MIN);
    for (let i = 0; i < 5; i++) await step(5 * MIN);
    expect(hooks.on('/down')).toHaveLength(5);
    const dead = ok(await sys.notification.list_dead_letters(10));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 5, last_error: 'HTTP 500' });
    expect((await stats()).dead_lettered).toBe(1n);
  });

  it('deleting the event, an EXDATE and erasing the user cancel what is pending', async () => {
    const calendar = await newCalendar(erin);
    const erinCal = sys.as('calendar', erin);
    const start = now() + 60 * MIN;
    const gone = ok(await erinCal.create_event(calendar, eventInput('Deleted', start)));
    const weekly = ok(
      await erinCal.create_event(calendar, eventInput('Weekly', start, { rrule: ['FREQ=WEEKLY'] })),
    );
    await step(1_000);
    const depth = (await stats()).queue_depth;
    ok(await erinCal.delete_event(gone.id, { all: null }));
    ok(
      await erinCal.update_event(
        weekly.id,
        weekly.sequence,
        eventInput('Weekly', start, { rrule: ['FREQ=WEEKLY'], exdates: [localUtc(start)] }),
      ),
    );
    await step(1_000);
    expect((await stats()).queue_depth).toBe(depth - 1n);
    await advanceTo(start + MIN);
    expect((await inbox(erin)).entries).toHaveLength(0); // deleted and EXDATE'd instance: nothing
    await advanceTo(start + 7 * 24 * 60 * MIN - 10 * MIN);
    expect((await inbox(erin)).entries.map((e: { title: string }) => e.title)).toEqual(['Weekly']);
    // erasure: the calendar's user registry (here the controller) erases erin's data
    ok(await sys.calendar.set_user_registry(controller.getPrincipal()));
    for (let done = false; !done;)
      done = ok(await sys.calendar.erase_user_data(erin.getPrincipal())).done;
    await step(1_000);
    await step(61_000);
    expect((await stats()).queue_depth).toBe(depth - 2n);
    expect((await inbox(erin)).entries).toHaveLength(0);
  });

  it('authorization: own inbox only; shards in group app enqueue; admins read stats and send alerts', async () => {
    const outsider = id(90);
    const aliceInbox = await inbox(alice);
    ok(
      await sys
        .as('notification', outsider)
        .mark_read(aliceInbox.entries.map((e: { id: string }) => e.id)),
    );
    expect((await inbox(alice)).unread).toBe(aliceInbox.unread);
    expect((await inbox(outsider)).entries).toHaveLength(0);
    // ingress to a group-only method: dropped by inspect_message (HTTP) or refused by the guard
    const ingress = await sys
      .as('notification', alice)
      .sync_reminders([])
      .catch((e: Error) => e);
    expect(ingress).not.toHaveProperty('Ok');
    expect(await sys.notification.sync_reminders([])).toMatchObject({
      Err: { code: 'AUTH_FORBIDDEN' },
    });
    expect(await sys.as('notification', alice).get_notification_stats()).toMatchObject({
      Err: { code: 'AUTH_FORBIDDEN' },
    });
    expect(
      await sys.as('notification', alice).send_alert({ kind: 'x', severity: 'high', message: 'y' }),
    ).toMatchObject({ Err: { code: 'AUTH_FORBIDDEN' } });
    const secret = ok(
      await sys.notification.set_alert_settings({
        recipients: [outsider.getPrincipal()],
        webhook_url: [`${hooks.url}/admin`],
      }),
    )[0] as string;
    ok(
      await sys.notification.send_alert({
        kind: 'backup_failed',
        severity: 'critical',
        message: 'nightly backup of calendar-1 failed',
      }),
    );
    await step(1_000);
    expect((await inbox(outsider)).entries[0]).toMatchObject({
      kind: 'alert',
      title: 'critical: backup_failed',
    });
    expect(hooks.on('/admin')).toHaveLength(1);
    expect(verifySignature(secret, hooks.on('/admin')[0]!)).toBe(true);
    expect((await sys.as('notification', alice).my_webhooks()).Ok).toHaveLength(0);
  });

  it(
    `${BATCH} reminders due in the same minute arrive in a few ticks, in order, none twice`,
    async () => {
      const user = id(91);
      const calendar = await newCalendar(user);
      const start = Math.ceil((now() + 60 * MIN) / MIN) * MIN;
      const before = (await stats()).series;
      for (let first = 0; first < BATCH; first += 500) {
        const count = Math.min(500, BATCH - first);
        const reply = ok(
          await sys.as('calendar', user).import_ics({
            calendar_id: calendar,
            ics: remindersIcs(count, start, `bulk${first}`),
            skip_invalid: false,
          }),
        );
        expect(reply.created).toBe(count);
      }
      // the shard sends its changes in batches of 100, one timer run each
      for (let i = 0; i < BATCH / 50 && (await stats()).series < before + BigInt(BATCH); i++)
        await step(1_000);
      expect((await stats()).series).toBe(before + BigInt(BATCH));
      await advanceTo(start - 10 * MIN + 60_000);
      await sys.network.tick(5);
      const titles: string[] = [];
      const dues: bigint[] = [];
      const notifier = sys.as('notification', user);
      let cursor: [] | [string] = [];
      do {
        const page = ok(await notifier.my_notifications(cursor, 100));
        titles.push(...page.entries.map((e: { title: string }) => e.title));
        dues.push(...page.entries.map((e: { due_at_ms: bigint }) => e.due_at_ms));
        cursor = page.next;
      } while (cursor.length > 0);
      expect(titles).toHaveLength(BATCH);
      expect(new Set(titles).size).toBe(BATCH);
      // newest first: delivery order reversed, so due times never increase down the list
      expect(dues.every((due, i) => i === 0 || due <= dues[i - 1]!)).toBe(true);
      expect(new Set(dues).size).toBe(Math.min(BATCH, 60));
      const s = await stats();
      expect(s.max_message_instructions).toBeLessThan(5_000_000_000n);
      console.log(
        `notification: ${BATCH} due together; most instructions in one message ${s.max_message_instructions}; ` +
          `sync ${s.last_sync_instructions / (s.last_sync_changes || 1n)} per enqueue; ` +
          `drain ${s.last_drain_instructions / (s.last_drain_fired || 1n)} per delivered reminder`,
      );
    },
    BATCH > 1_000 ? 3_600_000 : undefined,
  );

  it('operators: a shard failing, recovering and failing again gives one alert per condition (inbox and admin hook)', async () => {
    const operator = id(92);
    const secret = ok(
      await sys.notification.set_alert_settings({
        recipients: [operator.getPrincipal()],
        webhook_url: [`${hooks.url}/ops`],
      }),
    )[0] as string;
    const lb = await sys.addSystemCanister('load_balancer');
    ok(await lb.actor.add_shard(sys.calendarId, 100));
    const backup = await sys.addSystemCanister('backup');
    const shard = { canisterId: sys.calendarId, sender: controller.getPrincipal() };
    await sys.network.updateCanisterSettings({
      ...shard,
      controllers: [controller.getPrincipal(), backup.canisterId],
    });
    ok(
      await backup.actor.protect({
        canister: sys.calendarId,
        kind: 'calendar',
        group: ['app'],
        shard: [],
      }),
    );
    const alerts = async () =>
      (await inbox(operator)).entries as { kind: string; title: string; body: string }[];
    const titled = async (title: string) => (await alerts()).filter((e) => e.title === title);
    await step(60_000);
    expect(await titled('critical: shard_unhealthy')).toHaveLength(0); // healthy polls
    // Stopped: the load balancer marks the shard unhealthy at its next poll, and the backup
    // canister finds it unreachable at its next tick; restarted, two healthy polls make it active.
    for (const recover of [true, false]) {
      await sys.network.stopCanister(shard);
      for (let i = 0; i < 2; i++) await step(30_000);
      await sys.network.startCanister(shard);
      if (recover) for (let i = 0; i < 3; i++) await step(30_000);
    }
    const unhealthy = await titled('critical: shard_unhealthy');
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]!.body).toContain(sys.calendarId.toText());
    const unreachable = await titled('critical: canister_unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]!.body).toContain(`calendar ${sys.calendarId.toText()} is unreachable`);
    const all = await alerts();
    expect(all.every((e) => e.kind === 'alert')).toBe(true);
    expect(new Set(all.map((e) => e.title)).size).toBe(all.length); // nothing twice
    // At least once: a POST slowed past the outcall timeout on a loaded machine is retried.
    for (let i = 0; i < 4 && hooks.on('/ops').length < all.length; i++) await step(30_000);
    const posts = hooks.on('/ops');
    expect(new Set(posts.map((post) => post.idempotencyKey)).size).toBe(all.length);
    expect(posts.every((post) => verifySignature(secret, post))).toBe(true);
    expect(posts.map((post) => JSON.parse(post.body))).toContainEqual(
      expect.objectContaining({ kind: 'shard_unhealthy', source: lb.canisterId.toText() }),
    );
    expect(posts.map((post) => JSON.parse(post.body))).toContainEqual(
      expect.objectContaining({ kind: 'canister_unreachable', source: backup.canisterId.toText() }),
    );
  });
});
