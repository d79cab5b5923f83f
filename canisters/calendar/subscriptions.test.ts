import { describe, expect, it } from 'vitest';

import type { InterCanisterCall } from '../../core/index.ts';
import {
  calendarCanister,
  calendarInput,
  errCode,
  eventInput,
  ms,
  ok,
  principal,
} from './calendar-test-kit.ts';
import { outcallCycles } from '../../core/index.ts';
import { MAX_RESPONSE_BYTES, SUBSCRIPTION_LIMITS } from './subscription-model.ts';

const alice = principal(1);
const bob = principal(2);
const FEED = 'https://calendar.example.com/team.ics';

const vevent = (uid: string, title: string, day = '20250303') =>
  `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:${day}T090000Z\r\nDTEND:${day}T100000Z\r\nSUMMARY:${title}\r\nEND:VEVENT\r\n`;
const ics = (...events: string[]) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${events.join('')}END:VCALENDAR\r\n`;
const bytes = (text: string) => new TextEncoder().encode(text);
const flush = () => new Promise((done) => setTimeout(done, 0));

interface Served {
  status: number;
  body?: string;
  headers?: { name: string; value: string }[];
  reject?: string;
}

/** The calendar canister with the management canister's http_request answered by `serve`. */
function subscribedSetup() {
  const kit = calendarCanister();
  const requests: {
    url: string;
    headers: { name: string; value: string }[];
    cycles: bigint;
    limit: bigint;
  }[] = [];
  let served: Served = { status: 200, body: ics() };
  kit.platform.calls.set('aaaaa-aa', (method: string, request: InterCanisterCall) => {
    expect(method).toBe('http_request');
    const args = request.args[0] as {
      url: string;
      headers: { name: string; value: string }[];
      max_response_bytes: [bigint];
    };
    const [limit] = args.max_response_bytes;
    expect(limit).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    requests.push({ url: args.url, headers: args.headers, cycles: request.cycles ?? 0n, limit });
    if (served.reject) throw new Error(served.reject);
    const body = bytes(served.body ?? '');
    // As the IC does: a response longer than the limit asked for is refused.
    if (body.length > limit) throw new Error(`Http body exceeds size limit of ${limit} bytes.`);
    return { status: BigInt(served.status), headers: served.headers ?? [], body };
  });
  const calendarId = ok<{ id: string }>(kit.as(alice, 'create_calendar', calendarInput('Team'))).id;
  const serve = (next: Served) => (served = next);
  // The timer's path: the clock passes the refresh interval and the fetch's reply is handled.
  const refresh = async () => {
    kit.platform.advance(SUBSCRIPTION_LIMITS.defaultRefreshSeconds + 1);
    await flush();
    return ok<Record<string, unknown>>(kit.as(alice, 'get_subscription', calendarId));
  };
  const titles = () =>
    ok<{ occurrences: { title: string }[] }>(
      kit.as(alice, 'list_events', {
        calendar_ids: [calendarId],
        from_ms: ms('2025-03-01T00:00:00Z'),
        to_ms: ms('2025-04-01T00:00:00Z'),
        cursor: [],
        limit: [],
      }),
    )
      .occurrences.map((o) => o.title)
      .sort();
  return { ...kit, requests, calendarId, serve, refresh, titles };
}

describe('ICS subscriptions', () => {
  it('mirrors the feed by UID: new UIDs created, changed ones updated, missing ones deleted', async () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    s.serve({ status: 200, body: ics(vevent('a@x', 'A'), vevent('b@x', 'B')) });
    expect(await s.refresh()).toMatchObject({
      status: { ok: null },
      event_count: 2,
      last_change: [{ created: 2, updated: 0, deleted: 0, unchanged: 0, skipped: 0 }],
    });
    expect(s.titles()).toEqual(['A', 'B']);

    s.serve({ status: 200, body: ics(vevent('a@x', 'A changed'), vevent('c@x', 'C')) });
    expect(await s.refresh()).toMatchObject({
      event_count: 2,
      last_change: [{ created: 1, updated: 1, deleted: 1, unchanged: 0 }],
    });
    expect(s.titles()).toEqual(['A changed', 'C']);

    const cancelledC = vevent('c@x', 'C').replace('END:VEVENT', 'STATUS:CANCELLED\r\nEND:VEVENT');
    s.serve({ status: 200, body: ics(vevent('a@x', 'A changed'), cancelledC) });
    expect(await s.refresh()).toMatchObject({ last_change: [{ deleted: 1, unchanged: 1 }] });
    expect(s.titles()).toEqual(['A changed']);
    expect(s.requests.every((r) => r.url === FEED && r.cycles > 0n)).toBe(true);
  });

  it('sends the last ETag and Last-Modified back, and a 304 changes nothing', async () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    s.serve({
      status: 200,
      body: ics(vevent('a@x', 'A')),
      headers: [
        { name: 'ETag', value: '"v1"' },
        { name: 'Last-Modified', value: 'Mon, 03 Mar 2025 08:00:00 GMT' },
      ],
    });
    expect(await s.refresh()).toMatchObject({
      etag: ['"v1"'],
      last_modified: ['Mon, 03 Mar 2025 08:00:00 GMT'],
    });
    expect(s.requests[0]!.headers.map((h) => h.name)).not.toContain('if-none-match');

    s.serve({ status: 304 });
    const state = await s.refresh();
    expect(s.requests[1]!.headers).toEqual(
      expect.arrayContaining([
        { name: 'if-none-match', value: '"v1"' },
        { name: 'if-modified-since', value: 'Mon, 03 Mar 2025 08:00:00 GMT' },
      ]),
    );
    expect(state).toMatchObject({ status: { not_modified: null }, etag: ['"v1"'], event_count: 1 });
    expect(s.titles()).toEqual(['A']);
  });

  it('records a too-large feed, an HTTP error or an unparsable body, and changes nothing', async () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    s.serve({ status: 200, body: ics(vevent('a@x', 'A')) });
    await s.refresh();
    const failures: [Served, string][] = [
      [
        { status: 200, reject: 'Http body exceeds size limit of 1016384 bytes.' },
        'SUBSCRIPTION_FEED_TOO_LARGE',
      ],
      [
        { status: 200, body: ics(vevent('a@x', 'x'.repeat(SUBSCRIPTION_LIMITS.maxBodyChars))) },
        'SUBSCRIPTION_FEED_TOO_LARGE',
      ],
      [{ status: 503, body: 'down' }, 'SUBSCRIPTION_HTTP_ERROR'],
      [{ status: 200, body: '<html>moved</html>' }, 'SUBSCRIPTION_NOT_ICS'],
      [{ status: 200, body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:z\r\n' }, 'ICS_MALFORMED'],
      [
        { status: 200, reject: 'Connecting to calendar.example.com failed' },
        'SUBSCRIPTION_FETCH_FAILED',
      ],
    ];
    for (const [served, code] of failures) {
      s.serve(served);
      const state = await s.refresh();
      expect(state, code).toMatchObject({ status: { error: null }, event_count: 1 });
      expect((state.last_error as [{ code: string }])[0].code, code).toBe(code);
      expect(s.titles()).toEqual(['A']);
    }
  });

  it("asks for a response limit that follows the feed's size, and the full limit when it outgrew it", async () => {
    const s = subscribedSetup();
    const small = ics(vevent('a@x', 'A'));
    const feedOf = (events: number) =>
      ics(...Array.from({ length: events }, (_, i) => vevent(`e${i}@x`, `Event ${i}`)));
    const KIB = 1024n;
    const allowance = BigInt(SUBSCRIPTION_LIMITS.headerAllowanceBytes);
    s.serve({ status: 200, body: small });
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    await s.refresh(); // the first fetch, at the full limit (the feed's size is unknown)
    await s.refresh(); // a feed of ~300 bytes: 64 KiB and the header allowance
    expect(s.requests.map((r) => r.limit)).toEqual([MAX_RESPONSE_BYTES, 64n * KIB + allowance]);
    // The IC prices the limit: the second outcall cost a tenth of the first.
    expect(s.requests[1]!.cycles * 10n).toBeLessThan(s.requests[0]!.cycles);
    expect(s.requests[1]!.cycles).toBe(
      s.requests[0]!.cycles -
        outcallCycles(0, MAX_RESPONSE_BYTES - 64n * KIB - allowance) +
        outcallCycles(0, 0n),
    );

    // The feed grows past its limit: refused, then fetched again at once with the full limit.
    const grown = feedOf(800);
    expect(grown.length).toBeGreaterThan(80 * 1024);
    s.serve({ status: 200, body: grown });
    const state = await s.refresh();
    expect(state).toMatchObject({ status: { ok: null }, event_count: 800 });
    expect(s.requests.slice(2).map((r) => r.limit)).toEqual([
      64n * KIB + allowance,
      MAX_RESPONSE_BYTES,
    ]);
    await s.refresh(); // now room for twice its size, rounded up to a power of two
    const body = Number(s.requests.at(-1)!.limit - allowance);
    const size = bytes(grown).length;
    expect(Number.isInteger(Math.log2(body))).toBe(true);
    expect(body).toBeGreaterThanOrEqual(2 * size);
    expect(body).toBeLessThan(4 * size);

    // Too large even for the full limit: an error, and the next fetch goes to the full limit.
    s.serve({ status: 200, body: `${grown}${'x'.repeat(Number(MAX_RESPONSE_BYTES))}` });
    expect(await s.refresh()).toMatchObject({ status: { error: null } });
    const before = s.requests.length;
    await s.refresh();
    expect(s.requests.slice(before).map((r) => r.limit)).toEqual([MAX_RESPONSE_BYTES]);
  });

  it('only the owner subscribes, reads or refreshes; a subscribed calendar refuses event edits', async () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'share_calendar', s.calendarId, bob, { editor: null }));
    expect(errCode(s.as(bob, 'subscribe_calendar', s.calendarId, FEED))).toBe('CALENDAR_FORBIDDEN');
    expect(errCode(s.as(alice, 'get_subscription', s.calendarId))).toBe('SUBSCRIPTION_NOT_FOUND');
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    expect(errCode(s.as(bob, 'get_subscription', s.calendarId))).toBe('CALENDAR_FORBIDDEN');
    expect(errCode(await s.as(bob, 'refresh_subscription', s.calendarId))).toBe(
      'CALENDAR_FORBIDDEN',
    );
    s.serve({ status: 200, body: ics(vevent('a@x', 'A')) });
    await s.refresh();
    const calendar = ok<{ subscribed: boolean }>(s.as(bob, 'get_calendar', s.calendarId));
    expect(calendar.subscribed).toBe(true);
    for (const who of [alice, bob])
      expect(errCode(s.as(who, 'create_event', s.calendarId, eventInput()))).toBe(
        'CALENDAR_READ_ONLY',
      );
    expect(
      errCode(
        s.as(alice, 'import_ics', { calendar_id: s.calendarId, ics: ics(), skip_invalid: false }),
      ),
    ).toBe('CALENDAR_READ_ONLY');

    expect(ok(s.as(alice, 'unsubscribe_calendar', s.calendarId))).toBe(true);
    ok(s.as(alice, 'create_event', s.calendarId, eventInput({ title: 'Mine' })));
    expect(s.titles()).toEqual(['A', 'Mine']);
  });

  it('refuses URLs that are not https to a public host (loopback only when an admin allows it)', () => {
    const s = subscribedSetup();
    for (const url of [
      'http://example.com/a.ics',
      'https://10.0.0.1/a.ics',
      'http://127.0.0.1:8080/a.ics',
    ])
      expect(errCode(s.as(alice, 'subscribe_calendar', s.calendarId, url)), url).toBe(
        'SUBSCRIPTION_URL_REFUSED',
      );
    expect(errCode(s.as(alice, 'set_allow_loopback_subscriptions', true))).toBe('AUTH_FORBIDDEN');
    ok(s.as(s.controller, 'set_allow_loopback_subscriptions', true));
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, 'http://127.0.0.1:8080/a.ics'));
  });

  it('subscribes only an empty calendar, and refuses a refresh within a minute of the last', async () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'create_event', s.calendarId, eventInput()));
    expect(errCode(s.as(alice, 'subscribe_calendar', s.calendarId, FEED))).toBe(
      'SUBSCRIPTION_INVALID',
    );
    const other = ok<{ id: string }>(s.as(alice, 'create_calendar', calendarInput('Feed'))).id;
    ok(s.as(alice, 'subscribe_calendar', other, FEED));
    ok(await s.as<Promise<unknown>>(alice, 'refresh_subscription', other));
    expect(errCode(await s.as<Promise<unknown>>(alice, 'refresh_subscription', other))).toBe(
      'SUBSCRIPTION_BUSY',
    );
  });

  it('an owner subscribes at most SUBSCRIPTION_LIMITS.perOwner calendars (each costs outcalls)', () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    for (let i = 1; i < SUBSCRIPTION_LIMITS.perOwner; i++) {
      const id = ok<{ id: string }>(s.as(alice, 'create_calendar', calendarInput(`F${i}`))).id;
      ok(s.as(alice, 'subscribe_calendar', id, FEED));
    }
    const extra = ok<{ id: string }>(s.as(alice, 'create_calendar', calendarInput('Extra'))).id;
    expect(errCode(s.as(alice, 'subscribe_calendar', extra, FEED))).toBe('CALENDAR_LIMIT');
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, `${FEED}?moved`)); // another URL: same one
    ok(s.as(alice, 'unsubscribe_calendar', s.calendarId));
    ok(s.as(alice, 'subscribe_calendar', extra, FEED));
  });

  it('the timer fetches a new subscription at once and each feed again after the interval', async () => {
    const s = subscribedSetup();
    s.serve({ status: 200, body: ics(vevent('a@x', 'A')) });
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    s.platform.advance(0);
    await flush();
    expect(s.requests).toHaveLength(1);
    expect(s.titles()).toEqual(['A']);
    s.serve({ status: 200, body: ics(vevent('a@x', 'A'), vevent('b@x', 'B')) });
    s.platform.advance(SUBSCRIPTION_LIMITS.defaultRefreshSeconds - 120);
    await flush();
    expect(s.requests).toHaveLength(1);
    s.platform.advance(180);
    await flush();
    expect(s.requests).toHaveLength(2);
    expect(s.titles()).toEqual(['A', 'B']);
    expect(ok(s.as(alice, 'get_subscription', s.calendarId))).toMatchObject({
      status: { ok: null },
      refreshing: false,
    });
  });

  it('deleting a subscribed calendar ends its subscription', () => {
    const s = subscribedSetup();
    ok(s.as(alice, 'subscribe_calendar', s.calendarId, FEED));
    ok(s.as(alice, 'delete_calendar', s.calendarId));
    s.platform.advance(0);
    expect(s.requests).toHaveLength(0);
  });
});
