import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, inject, type InterCanisterCall } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import { NOTIFIER, NotificationEndpoints } from './notification-endpoints.ts';
import service from './service.ts';
import { signBody } from './webhook-signature.ts';

const alice = Principal.fromUint8Array(new Uint8Array([41, 1]));
const bob = Principal.fromUint8Array(new Uint8Array([41, 2]));
const shard = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const START = Date.parse('2026-05-04T10:00:00Z');
type Api = Record<string, (...args: unknown[]) => unknown>;

function setup(answer: (attempt: number) => number = () => 200) {
  const platform = new MemoryPlatform();
  platform.nowNs = BigInt(START - 3_600_000) * 1_000_000n;
  const posts: { headers: Record<string, string>; body: string }[] = [];
  platform.calls.set('aaaaa-aa', (method: string, request: InterCanisterCall) => {
    if (method === 'raw_rand') return new Uint8Array(32).fill(7);
    const arg = request.args[0] as {
      headers: { name: string; value: string }[];
      body: [Uint8Array];
    };
    posts.push({
      headers: Object.fromEntries(arg.headers.map((h) => [h.name, h.value])),
      body: new TextDecoder().decode(arg.body[0]),
    });
    return { status: BigInt(answer(posts.length)), headers: [], body: new Uint8Array() };
  });
  composeCanister({ name: 'notification', plugins: [auth], endpoints: [service] }, platform).init();
  const notifier = inject(NOTIFIER);
  const api = new NotificationEndpoints() as unknown as Api;
  const as = (who: Principal, method: string, ...args: unknown[]) =>
    platform.as(who, () => api[method]!(...args));
  const nowMs = () => Number(platform.nowNs / 1_000_000n);
  const advanceTo = async (ms: number) => {
    platform.advance(Math.ceil((ms - nowMs()) / 1000));
    for (let i = 0; i < 5; i++) await new Promise((done) => setTimeout(done, 0));
  };
  const remind = (eventId: string, minutes: number[], extra: Record<string, unknown> = {}) => {
    notifier.queue.upsert(
      shard,
      {
        eventId,
        owner: alice.toText(),
        calendarId: 'cal1',
        minutes,
        event: {
          uid: eventId,
          title: `Event ${eventId}`,
          timeZone: 'UTC',
          allDay: false,
          start: '2026-05-04T10:00:00',
          end: '2026-05-04T11:00:00',
          ...extra,
        },
      },
      nowMs(),
    );
    notifier.arm();
  };
  return { platform, notifier, as, advanceTo, remind, posts, nowMs };
}

const unread = (as: ReturnType<typeof setup>['as'], who = alice) => as(who, 'unread_count');

describe('notification canister (memory platform)', () => {
  it('fires a 10-minute reminder at its instant: one inbox entry, one signed POST', async () => {
    const { as, advanceTo, remind, posts } = setup();
    const hook = (await as(alice, 'add_webhook', {
      url: 'https://hooks.example.com/a',
      calendar_id: [],
    })) as {
      Ok: { secret: string };
    };
    remind('e1', [10]);
    await advanceTo(START - 601_000);
    expect(unread(as)).toBe(0);
    await advanceTo(START - 600_000);
    expect(unread(as)).toBe(1);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['x-icp-calendar-signature']).toBe(
      signBody(hook.Ok.secret, posts[0]!.body),
    );
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ type: 'reminder', minutes_before: 10 });
    const page = as(alice, 'my_notifications', [], 10) as { Ok: { entries: { title: string }[] } };
    expect(page.Ok.entries.map((e) => e.title)).toEqual(['Event e1']);
    expect(unread(as, bob)).toBe(0);
    expect((as(bob, 'my_notifications', [], 10) as { Ok: { entries: [] } }).Ok.entries).toEqual([]);
  });

  it('retries a failing hook with backoff under one idempotency key, inbox once', async () => {
    const { as, advanceTo, remind, posts, notifier } = setup((n) => (n <= 2 ? 500 : 204));
    await as(alice, 'add_webhook', { url: 'https://hooks.example.com/a', calendar_id: [] });
    remind('e1', [10]);
    await advanceTo(START - 600_000);
    await advanceTo(START - 570_000);
    await advanceTo(START - 510_000);
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(unread(as)).toBe(1);
    expect(notifier.stats()).toMatchObject({
      retried: 2n,
      webhooks_delivered: 1n,
      dead_lettered: 0n,
    });
  });

  it('dead-letters a permanently failing hook after maxAttempts', async () => {
    const { as, advanceTo, remind, posts, notifier } = setup(() => 500);
    await as(alice, 'add_webhook', { url: 'https://hooks.example.com/a', calendar_id: [] });
    remind('e1', [10]);
    await advanceTo(START - 600_000);
    for (let i = 0; i < 6; i++) await advanceTo(START + i * 3_600_000);
    expect(posts).toHaveLength(5);
    expect(notifier.stats()).toMatchObject({ dead_lettered: 1n, pending_deliveries: 0n });
    expect(notifier.delivery.dead(10)[0]).toMatchObject({ attempts: 5, lastError: 'HTTP 500' });
  });

  it('cancels on delete and user erasure, and never delivers a reminder twice', async () => {
    const { as, advanceTo, remind, notifier } = setup();
    remind('e1', [10]);
    remind('e2', [10]);
    notifier.queue.remove(shard, 'e1');
    remind('e2', [10]); // a repeated upsert keeps one queue entry
    expect(notifier.stats().queue_depth).toBe(1n);
    await advanceTo(START);
    expect(unread(as)).toBe(1);
    remind('e2', [10]); // re-sent after it fired: due already passed, nothing new
    await advanceTo(START + 60_000);
    expect(unread(as)).toBe(1);
    remind('e3', [5], { start: '2026-05-04T12:00:00', end: '2026-05-04T13:00:00' });
    expect(notifier.queue.forgetUser(alice.toText(), 100)).toBe(true);
    expect(notifier.stats().queue_depth).toBe(0n);
  });

  it('drains many due reminders in order within one run', async () => {
    const { as, advanceTo, remind } = setup();
    for (let i = 0; i < 300; i++) remind(`e${String(i).padStart(3, '0')}`, [10]);
    await advanceTo(START - 600_000);
    expect(unread(as)).toBe(300);
    const page = as(alice, 'my_notifications', [], 100) as { Ok: { entries: { title: string }[] } };
    // newest first: the last queue key fired last
    expect(page.Ok.entries[0]!.title).toBe('Event e299');
  });

  it('refuses private webhook URLs and shows the secret to its owner only', async () => {
    const { as } = setup();
    expect(
      await as(alice, 'add_webhook', { url: 'https://10.0.0.1/x', calendar_id: [] }),
    ).toMatchObject({
      Err: { code: 'WEBHOOK_URL_REFUSED' },
    });
    await as(alice, 'add_webhook', { url: 'https://hooks.example.com/a', calendar_id: ['cal1'] });
    expect((as(alice, 'my_webhooks') as { Ok: unknown[] }).Ok).toHaveLength(1);
    expect((as(bob, 'my_webhooks') as { Ok: unknown[] }).Ok).toHaveLength(0);
  });
});
