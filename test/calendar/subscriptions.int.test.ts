import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { buildModules } from './build-calendar-canisters.ts';
import { FeedServer } from './feed-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Service = Record<string, (...args: any[]) => Promise<any>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ok(reply: { Ok: any } | { Err: { code: string; message: string } }): any {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}
const errCode = (reply: { Ok: unknown } | { Err: { code: string } }) =>
  'Err' in reply ? reply.Err.code : undefined;

const id = (n: number) => Ed25519KeyIdentity.generate(new Uint8Array(32).fill(n));
const [controller, alice, bob] = [91, 92, 93].map(id) as Ed25519KeyIdentity[];
const HOUR = 3_600_000;

const vevent = (uid: string, title: string, day: string) =>
  `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=Europe/Berlin:${day}T090000\r\nDTEND;TZID=Europe/Berlin:${day}T100000\r\nSUMMARY:${title}\r\nEND:VEVENT\r\n`;
const ics = (...events: string[]) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//feed test//EN\r\n${events.join('')}END:VCALENDAR\r\n`;

let network: LocalNetwork;
const feed = new FeedServer();
const actors: Record<'controller' | 'alice' | 'bob', Actor<Service>> = {} as never;
let calendarId = '';
let upgrade: () => Promise<void>;

/** Moves the clock past the refresh interval and lets the timer's fetch and its reply run. */
async function nextRefresh() {
  await network.advanceTime(HOUR + 61_000);
  await network.tick(5);
}
async function state() {
  return ok(await actors.alice.get_subscription(calendarId));
}
async function titles(): Promise<string[]> {
  const page = ok(
    await actors.alice.list_events({
      calendar_ids: [calendarId],
      from_ms: BigInt(Date.parse('2025-03-01T00:00:00Z')),
      to_ms: BigInt(Date.parse('2025-04-01T00:00:00Z')),
      cursor: [],
      limit: [],
    }),
  );
  return page.occurrences.map((o: { title: string }) => o.title).sort();
}

beforeAll(async () => {
  await feed.start();
  const { calendar } = await buildModules(['calendar']);
  const { idlFactory } = await import(calendar.bindingsPath);
  network = await LocalNetwork.create();
  const { actor, canisterId } = await network.setupCanister<Service>({
    idlFactory,
    wasm: calendar.wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: controller.getPrincipal(),
  });
  actor.setIdentity(controller);
  actors.controller = actor;
  upgrade = () =>
    network.upgradeCanister({
      canisterId,
      wasm: calendar.wasm,
      arg: new Uint8Array(IDL.encode([], [])),
      sender: controller.getPrincipal(),
    });
  for (const [name, identity] of [
    ['alice', alice],
    ['bob', bob],
  ] as const) {
    actors[name] = network.createActor<Service>(idlFactory, canisterId);
    actors[name].setIdentity(identity);
  }
  ok(await actors.controller.set_allow_loopback_subscriptions(true));
  calendarId = ok(
    await actors.alice.create_calendar({
      name: 'Team feed',
      description: [],
      color: [],
      time_zone: 'Europe/Berlin',
      visibility: { private: null },
    }),
  ).id;
}, 900_000);

afterAll(async () => {
  await feed.stop();
});

describe('a calendar subscribed to an .ics feed on 127.0.0.1 (calendar on localnet)', () => {
  it('only the owner subscribes; the first fetch follows at once', async () => {
    ok(await actors.alice.share_calendar(calendarId, bob.getPrincipal(), { editor: null }));
    expect(errCode(await actors.bob.subscribe_calendar(calendarId, `${feed.url}/team.ics`))).toBe(
      'CALENDAR_FORBIDDEN',
    );
    feed.serve(ics(vevent('a@feed', 'A', '20250303'), vevent('b@feed', 'B', '20250304')), '"v1"');
    const subscribed = ok(
      await actors.alice.subscribe_calendar(calendarId, `${feed.url}/team.ics`),
    );
    expect(subscribed.status).toEqual({ pending: null });
    await network.tick(5);
    expect(await state()).toMatchObject({
      status: { ok: null },
      etag: ['"v1"'],
      event_count: 2,
      last_change: [{ created: 2, updated: 0, deleted: 0 }],
    });
    expect(await titles()).toEqual(['A', 'B']);
    expect(errCode(await actors.bob.get_subscription(calendarId))).toBe('CALENDAR_FORBIDDEN');
  });

  it('is read-only for event edits, for the owner too', async () => {
    const input = {
      title: 'Mine',
      description: [],
      location: [],
      color: [],
      time_zone: 'Europe/Berlin',
      all_day: false,
      start: '2025-03-05T09:00:00',
      end: '2025-03-05T10:00:00',
      rrule: [],
      exdates: [],
      rdates: [],
      reminders: [],
      transparent: false,
      overrides: [],
    };
    expect(errCode(await actors.alice.create_event(calendarId, input))).toBe('CALENDAR_READ_ONLY');
    expect(errCode(await actors.bob.create_event(calendarId, input))).toBe('CALENDAR_READ_ONLY');
    expect(ok(await actors.alice.get_calendar(calendarId)).subscribed).toBe(true);
  });

  it('after the refresh interval it reflects the feed: added, changed and deleted by UID', async () => {
    feed.serve(
      ics(vevent('a@feed', 'A moved', '20250305'), vevent('c@feed', 'C', '20250306')),
      '"v2"',
    );
    await network.advanceTime(30 * 60_000); // half the interval: nothing yet
    await network.tick(3);
    expect(await titles()).toEqual(['A', 'B']);
    await nextRefresh();
    expect(await state()).toMatchObject({
      status: { ok: null },
      etag: ['"v2"'],
      event_count: 2,
      last_change: [{ created: 1, updated: 1, deleted: 1 }],
    });
    expect(await titles()).toEqual(['A moved', 'C']);
  });

  it('sends If-None-Match, and a 304 changes nothing', async () => {
    const before = ok(await actors.alice.get_calendar(calendarId));
    const requests = feed.requests.length;
    await nextRefresh();
    expect(feed.requests.length).toBe(requests + 1);
    expect(feed.requests.at(-1)).toMatchObject({
      'if-none-match': '"v2"',
      'if-modified-since': 'Mon, 03 Mar 2025 08:00:00 GMT',
    });
    expect(await state()).toMatchObject({ status: { not_modified: null }, event_count: 2 });
    expect(ok(await actors.alice.get_calendar(calendarId)).updated_at).toBe(before.updated_at);
    expect(await titles()).toEqual(['A moved', 'C']);
  });

  it('refuses a feed over the size limit with a clear error, and nothing changes', async () => {
    const padding = `X-FILLER:${'x'.repeat(70)}\r\n`.repeat(15_000); // ~1.2 MB
    feed.serve(ics(padding, vevent('d@feed', 'D', '20250307')), '"v3"');
    await nextRefresh();
    const failed = await state();
    expect(failed.status).toEqual({ error: null });
    expect(failed.last_error[0].code).toBe('SUBSCRIPTION_FEED_TOO_LARGE');
    expect(failed.etag).toEqual(['"v2"']);
    expect(await titles()).toEqual(['A moved', 'C']);
  });

  it('keeps refreshing after an upgrade (the timer is armed again)', async () => {
    await upgrade();
    feed.serve(ics(vevent('c@feed', 'C', '20250306'), vevent('e@feed', 'E', '20250308')), '"v4"');
    await nextRefresh();
    expect(await state()).toMatchObject({
      status: { ok: null },
      etag: ['"v4"'],
      last_change: [{ created: 1, updated: 0, deleted: 1, unchanged: 1 }],
    });
    expect(await titles()).toEqual(['C', 'E']);
  });

  it('unsubscribing keeps the events and makes them editable again', async () => {
    expect(ok(await actors.alice.unsubscribe_calendar(calendarId))).toBe(true);
    expect(errCode(await actors.alice.get_subscription(calendarId))).toBe('SUBSCRIPTION_NOT_FOUND');
    expect(ok(await actors.alice.get_calendar(calendarId)).subscribed).toBe(false);
    expect(await titles()).toEqual(['C', 'E']);
  });
});
