import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import {
  calendarCanister,
  calendarInput,
  errCode,
  eventInput,
  ok,
  principal,
} from './calendar-test-kit.ts';

type Page = { items: Uint8Array[]; next: [] | [string] };
type Calendar = { id: string; name: string; event_count: number; shares: unknown[] };

const alice = principal(1);
const bob = principal(2);
const carol = principal(3);

/** Runs a whole move as the load balancer would, returning the pages each side exported. */
function pagesOf(shard: ReturnType<typeof calendarCanister>, user = alice) {
  const pages: string[][] = [];
  let cursor: [] | [string] = [];
  do {
    const page: Page = ok<Page>(shard.as(shard.controller, 'export_user_data', user, cursor));
    pages.push(page.items.map((b) => Buffer.from(b).toString('hex')));
    cursor = page.next;
  } while (cursor.length > 0);
  return pages;
}

function seed(shard: ReturnType<typeof calendarCanister>) {
  const work = ok<Calendar>(shard.as(alice, 'create_calendar', calendarInput('Work', 'public')));
  const home = ok<Calendar>(shard.as(alice, 'create_calendar', calendarInput('Home')));
  for (let i = 0; i < 130; i++) {
    const day = String((i % 27) + 1).padStart(2, '0');
    const start = `2025-03-${day}T09:00:00`;
    ok(
      shard.as(
        alice,
        'create_event',
        work.id,
        eventInput({ title: `E${i}`, start, end: `2025-03-${day}T10:00:00` }),
      ),
    );
  }
  ok(shard.as(alice, 'create_event', home.id, eventInput({ rrule: ['FREQ=WEEKLY;COUNT=10'] })));
  ok(shard.as(alice, 'share_calendar', home.id, bob, { editor: null }));
  ok(shard.as(alice, 'set_free_busy_sharing', true));
  return { work, home };
}

describe('moving a user between shards', () => {
  it('copies, verifies page by page, switches and deletes, renumbering a calendar number the target used', () => {
    const a = calendarCanister();
    const b = calendarCanister();
    const bShard = b.platform.selfId();
    const { home } = seed(a);
    // The target already used calendar numbers 1 and 2 (for carol): alice's get new numbers there.
    ok(b.as(carol, 'create_calendar', calendarInput('Carol 1')));
    ok(b.as(carol, 'create_calendar', calendarInput('Carol 2')));

    ok(a.as(a.controller, 'move_user_out', alice, bShard));
    expect(errCode(a.as(alice, 'create_event', home.id, eventInput()))).toBe('CALENDAR_MOVING');
    expect(errCode(a.as(bob, 'create_event', home.id, eventInput()))).toBe('CALENDAR_MOVING');
    expect(errCode(a.as(alice, 'create_calendar', calendarInput('New')))).toBe('CALENDAR_MOVING');

    const source = pagesOf(a);
    expect(source.length).toBeGreaterThan(1);
    for (const page of source) {
      const items = page.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
      ok(b.as(b.controller, 'import_user_data', alice, a.platform.selfId(), items));
    }
    expect(pagesOf(b)).toEqual(source);
    expect(errCode(b.as(alice, 'create_calendar', calendarInput('Early')))).toBe('CALENDAR_MOVING');

    ok(b.as(b.controller, 'release_moved_user', alice));
    let removal: { done: boolean };
    do removal = ok(a.as(a.controller, 'remove_user_copy', alice));
    while (!removal.done);

    const moved = ok<Calendar[]>(b.as(alice, 'list_calendars'));
    expect(moved.map((c) => [c.id, c.name, c.event_count, c.shares.length])).toEqual([
      [`${alice.toText()}_c3`, 'Work', 130, 0],
      [`${alice.toText()}_c4`, 'Home', 1, 1],
    ]);
    expect(ok<Calendar[]>(b.as(bob, 'list_calendars')).map((c) => c.name)).toEqual(['Home']);
    ok(b.as(bob, 'create_event', `${alice.toText()}_c4`, eventInput({ title: 'by bob' })));
    expect(ok(b.as(alice, 'free_busy', [alice], 0n, 1n))).toBeDefined();
    expect(ok<Calendar[]>(a.as(alice, 'list_calendars'))).toEqual([]);
    expect(errCode(a.as(alice, 'create_calendar', calendarInput('Back')))).toBe('CALENDAR_MOVED');
    expect(a.as(alice, 'get_user_move', alice)).toEqual([{ direction: 'moved', peer: bShard }]);
  });

  it('keeps the numbers on a target that never used them; a cancelled move leaves the source writable', () => {
    const a = calendarCanister();
    const b = calendarCanister();
    const { work } = seed(a);
    ok(a.as(a.controller, 'move_user_out', alice, b.platform.selfId()));
    const first = pagesOf(a)[0]!.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
    ok(b.as(b.controller, 'import_user_data', alice, a.platform.selfId(), first));
    expect(ok<Calendar[]>(b.as(alice, 'list_calendars'))[0]!.id).toBe(work.id);

    ok(a.as(a.controller, 'cancel_move_out', alice));
    ok(a.as(alice, 'create_event', work.id, eventInput({ title: 'after cancel' })));
    let removal: { done: boolean };
    do removal = ok(b.as(b.controller, 'remove_user_copy', alice));
    while (!removal.done);
    expect(ok<Calendar[]>(b.as(alice, 'list_calendars'))).toEqual([]);
    expect(b.as(alice, 'get_user_move', alice)).toEqual([]);
  });

  it('refuses a target that holds the user, imports from a second source, and non-admins', () => {
    const a = calendarCanister();
    const b = calendarCanister();
    seed(a);
    ok(b.as(alice, 'create_calendar', calendarInput('Already here')));
    ok(a.as(a.controller, 'move_user_out', alice, b.platform.selfId()));
    const items = pagesOf(a)[0]!.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
    expect(errCode(b.as(b.controller, 'import_user_data', alice, a.platform.selfId(), items))).toBe(
      'MOVE_INVALID',
    );
    expect(errCode(a.as(a.controller, 'move_user_out', alice, principal(40)))).toBe('MOVE_INVALID');
    expect(errCode(a.as(a.controller, 'export_user_data', bob, []))).toBe('MOVE_INVALID');
    for (const [method, args] of [
      ['move_user_out', [alice, bob]],
      ['export_user_data', [alice, []]],
      ['import_user_data', [alice, bob, []]],
      ['release_moved_user', [alice]],
      ['remove_user_copy', [alice]],
      ['cancel_move_out', [alice]],
    ] as const) {
      expect(errCode(a.as(alice, method, ...args)), method).toBe('AUTH_FORBIDDEN');
    }
  });

  it('answers MOVE_INVALID (never a trap) to a cursor or page it did not give, and a bad page stores nothing', () => {
    const a = calendarCanister();
    const b = calendarCanister();
    seed(a);
    ok(a.as(a.controller, 'move_user_out', alice, b.platform.selfId()));
    for (const cursor of [
      'apply',
      '{"c":-1,"p":0}',
      '{"c":0,"p":7}',
      '[]',
      'null',
      'x'.repeat(2000),
    ]) {
      expect(errCode(a.as(a.controller, 'export_user_data', alice, [cursor])), cursor).toBe(
        'MOVE_INVALID',
      );
    }
    const good = pagesOf(a)[0]!.map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
    const from = a.platform.selfId();
    for (const bad of [
      Uint8Array.of(90),
      Uint8Array.of(),
      Uint8Array.of(248, 1, 2),
      good[0]!.slice(0, 5),
    ]) {
      expect(errCode(b.as(b.controller, 'import_user_data', alice, from, [good[0]!, bad]))).toBe(
        'MOVE_INVALID',
      );
    }
    // The good first item of those pages was not written either.
    expect(ok<Calendar[]>(b.as(alice, 'list_calendars'))).toEqual([]);
    expect(ok(b.as(b.controller, 'import_user_data', alice, from, good))).toBe(good.length);
  });
});
