import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { calendarCanister, calendarInput, errCode, ok, principal } from './calendar-test-kit.ts';
import { SUBSCRIPTION_LIMITS } from './subscription-model.ts';

type Page = { items: Uint8Array[]; next: [] | [string] };
type Subscription = { calendar_id: string; url: string; status: unknown };

const alice = principal(1);
const carol = principal(3);
const FEED = 'https://calendar.example.com/team.ics';
const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n' +
  'DTSTAMP:20250101T000000Z\r\nDTSTART:20250303T090000Z\r\nDTEND:20250303T100000Z\r\n' +
  'SUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const flush = () => new Promise((done) => setTimeout(done, 0));

/** A shard whose outcalls serve ICS and are counted. */
function shard() {
  const kit = calendarCanister();
  const outcalls = { count: 0 };
  kit.platform.calls.set('aaaaa-aa', () => {
    outcalls.count++;
    return { status: 200n, headers: [], body: new TextEncoder().encode(ICS) };
  });
  return { ...kit, outcalls };
}

function pagesOf(kit: ReturnType<typeof shard>) {
  const pages: Uint8Array[][] = [];
  let cursor: [] | [string] = [];
  do {
    const page: Page = ok<Page>(kit.as(kit.controller, 'export_user_data', alice, cursor));
    pages.push(page.items);
    cursor = page.next;
  } while (cursor.length > 0);
  return pages;
}

const hex = (pages: Uint8Array[][]) =>
  pages.map((page) => page.map((item) => Buffer.from(item).toString('hex')));

describe('moving a user with a subscribed calendar', () => {
  it('carries the subscription to the target under the new calendar id, and no shard fetches it during the move', async () => {
    const a = shard();
    const b = shard();
    const team = ok<{ id: string }>(a.as(alice, 'create_calendar', calendarInput('Team'))).id;
    ok(a.as(alice, 'subscribe_calendar', team, FEED));
    a.platform.advance(SUBSCRIPTION_LIMITS.defaultRefreshSeconds + 1);
    await flush();
    const fetchedBefore = a.outcalls.count;
    expect(fetchedBefore).toBeGreaterThan(0);
    // The target used calendar number 1 already: alice's calendar is renumbered there.
    ok(b.as(carol, 'create_calendar', calendarInput('Carol')));

    ok(a.as(a.controller, 'move_user_out', alice, b.platform.selfId()));
    a.platform.advance(SUBSCRIPTION_LIMITS.defaultRefreshSeconds + 1);
    await flush();
    expect(a.outcalls.count).toBe(fetchedBefore); // due, but the user is moving
    expect(errCode(await a.as(alice, 'refresh_subscription', team))).toBe('CALENDAR_MOVING');

    const source = pagesOf(a);
    for (const items of source)
      ok(b.as(b.controller, 'import_user_data', alice, a.platform.selfId(), items));
    b.platform.advance(SUBSCRIPTION_LIMITS.defaultRefreshSeconds + 1);
    await flush();
    expect(b.outcalls.count).toBe(0); // imported, not released yet
    expect(hex(pagesOf(b))).toEqual(hex(source));

    ok(b.as(b.controller, 'release_moved_user', alice));
    let removal: { done: boolean };
    do removal = ok(a.as(a.controller, 'remove_user_copy', alice));
    while (!removal.done);
    expect(errCode(a.as(alice, 'get_subscription', team))).toBeDefined();

    const moved = `${alice.toText()}_c2`;
    const subscription = ok<Subscription>(b.as(alice, 'get_subscription', moved));
    expect([subscription.calendar_id, subscription.url]).toEqual([moved, FEED]);
    b.platform.advance(SUBSCRIPTION_LIMITS.defaultRefreshSeconds + 1);
    await flush();
    expect(b.outcalls.count).toBe(1); // the target fetches it from now on
    expect(a.outcalls.count).toBe(fetchedBefore);
  });

  it('refuses a subscription whose calendar is not in the move', () => {
    const a = shard();
    const b = shard();
    const team = ok<{ id: string }>(a.as(alice, 'create_calendar', calendarInput('Team'))).id;
    ok(a.as(alice, 'subscribe_calendar', team, FEED));
    ok(a.as(a.controller, 'move_user_out', alice, b.platform.selfId()));
    const [items] = pagesOf(a);
    const subscriptionOnly = items!.slice(1, 2);
    const refused = b.as(
      b.controller,
      'import_user_data',
      alice,
      a.platform.selfId(),
      subscriptionOnly,
    );
    expect(errCode(refused)).toBe('MOVE_INVALID');
    expect(errCode(b.as(alice, 'get_subscription', `${alice.toText()}_c1`))).toBeDefined();
  });
});
