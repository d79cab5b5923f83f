import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { _SERVICE as CalendarService } from './.azle/out/build/calendar/bindings/index.ts';
import type { _SERVICE as UserRegistryService } from './.azle/out/build/user_registry/bindings/index.ts';
import { buildCalendarCanisters } from './build-calendar-canisters.ts';
import { deployOverHttp, installChunked, type Localnet, startLocalnet } from './localnet-deploy.ts';

// Everything goes through @dfinity/agent against localnet's HTTP server (engine backend),
// with the bindings `icp-calendar build` generates.
const deployer = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(61));
const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(62));
const bob = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(63));

type CalendarActor = import('@dfinity/agent').ActorSubclass<CalendarService>;
type RegistryActor = import('@dfinity/agent').ActorSubclass<UserRegistryService>;

let net: Localnet;
let calendarWasm: Uint8Array;
let calendarId: Principal;
let registryId: Principal;
const cal: Record<'deployer' | 'alice' | 'bob' | 'anonymous', CalendarActor> = {} as never;
const reg: Record<'deployer' | 'alice' | 'bob', RegistryActor> = {} as never;

function ok<T>(reply: { Ok: T } | { Err: { code: string; message: string } }): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}
const errCode = (reply: { Ok: unknown } | { Err: { code: string } }) => ('Err' in reply ? reply.Err.code : undefined);
const ms = (iso: string) => BigInt(Date.parse(iso));

const calendarInput = (name: string, visibility: 'private' | 'public') => ({
  name,
  description: [] as [],
  color: ['#22aa66'] as [string],
  time_zone: 'Europe/Berlin',
  visibility: (visibility === 'public' ? { public: null } : { private: null }) as { public: null } | { private: null },
});
const eventInput = (title: string, extra: Partial<Parameters<CalendarService['create_event']>[1]> = {}) => ({
  title,
  description: [] as [],
  location: [] as [],
  color: [] as [],
  time_zone: 'Europe/Berlin',
  all_day: false,
  start: '2025-03-03T09:00:00',
  end: '2025-03-03T10:00:00',
  rrule: [] as [],
  exdates: [],
  rdates: [],
  reminders: [{ minutes_before: 10, action: [] as [], description: [] as [] }],
  transparent: false,
  overrides: [],
  ...extra,
});
const march = (ids: string[]) => ({
  calendar_ids: ids,
  from_ms: ms('2025-03-01T00:00:00Z'),
  to_ms: ms('2025-04-01T00:00:00Z'),
  cursor: [] as [],
  limit: [] as [],
});

let privateCalendar: string;
let publicCalendar: string;
let seriesId: string;

beforeAll(async () => {
  const built = await buildCalendarCanisters();
  calendarWasm = built.calendar.wasm;
  const calendarBindings = await import(built.calendar.bindingsPath);
  const registryBindings = await import(built.user_registry.bindingsPath);
  net = await startLocalnet();
  const deployerAgent = await net.agent(deployer);
  calendarId = await deployOverHttp(deployerAgent, built.calendar.wasm);
  registryId = await deployOverHttp(deployerAgent, built.user_registry.wasm);
  const agents = {
    deployer: deployerAgent,
    alice: await net.agent(alice),
    bob: await net.agent(bob),
    anonymous: await net.agent(),
  };
  for (const [who, agent] of Object.entries(agents)) {
    (cal as Record<string, CalendarActor>)[who] = calendarBindings.createActor(calendarId, agent);
    if (who !== 'anonymous') (reg as Record<string, RegistryActor>)[who] = registryBindings.createActor(registryId, agent);
  }
  ok(await cal.deployer.set_user_registry(registryId));
  ok(await reg.deployer.set_calendar_canisters([calendarId]));
}, 900_000);

afterAll(async () => {
  await net?.close();
});

describe('calendar canister through the agent on localnet', () => {
  it('a user creates calendars and events; a weekly series is expanded in the window', async () => {
    privateCalendar = ok(await cal.alice.create_calendar(calendarInput('Work', 'private'))).id;
    publicCalendar = ok(await cal.alice.create_calendar(calendarInput('Club', 'public'))).id;
    seriesId = ok(await cal.alice.create_event(privateCalendar, eventInput('Standup', { rrule: ['FREQ=WEEKLY;BYDAY=MO'] }))).id;
    ok(await cal.alice.create_event(publicCalendar, eventInput('Match', { location: ['Field 2'] })));
    const page = ok(await cal.alice.list_events(march([privateCalendar, publicCalendar])));
    expect(page.occurrences.map((o) => o.title)).toEqual(['Standup', 'Match', 'Standup', 'Standup', 'Standup', 'Standup']);
    expect(page.occurrences[0]!.start_ms).toBe(ms('2025-03-03T08:00:00Z'));
    expect(ok(await cal.alice.list_calendars()).map((c) => c.name)).toEqual(['Work', 'Club']);
  });

  it('shares a calendar: the reader reads but cannot edit', async () => {
    ok(await cal.alice.share_calendar(privateCalendar, bob.getPrincipal(), { reader: null }));
    expect(ok(await cal.bob.list_events(march([privateCalendar]))).occurrences).toHaveLength(5);
    expect(errCode(await cal.bob.update_event(seriesId, 0, eventInput('Hijacked')))).toBe('CALENDAR_FORBIDDEN');
    expect(errCode(await cal.bob.delete_event(seriesId, { all: null }))).toBe('CALENDAR_FORBIDDEN');
    expect(ok(await cal.bob.list_calendars()).map((c) => [c.name, Object.keys(c.my_role)[0]])).toEqual([['Work', 'reader']]);
  });

  it('anonymous callers see public calendars only', async () => {
    const q = { calendar_id: publicCalendar, from_ms: ms('2025-03-01T00:00:00Z'), to_ms: ms('2025-04-01T00:00:00Z'), cursor: [] as [], limit: [] as [] };
    expect(ok(await cal.anonymous.list_public_events(q)).occurrences.map((o) => o.title)).toEqual(['Match']);
    expect(errCode(await cal.anonymous.list_public_events({ ...q, calendar_id: privateCalendar }))).toBe('CALENDAR_NOT_FOUND');
    expect(errCode(await cal.anonymous.list_events(march([privateCalendar])))).toBe('CALENDAR_NOT_FOUND');
    // auth's inspect_message refuses an anonymous update before it runs (the handler would too).
    await expect(cal.anonymous.create_calendar(calendarInput('Nope', 'public'))).rejects.toThrow(/inspect_message/);
  });

  it('a stale update conflicts', async () => {
    const first = ok(await cal.alice.update_event(seriesId, 0, eventInput('Daily standup', { rrule: ['FREQ=WEEKLY;BYDAY=MO'] })));
    expect(first.sequence).toBe(1);
    expect(errCode(await cal.alice.update_event(seriesId, 0, eventInput('Lost edit', { rrule: ['FREQ=WEEKLY;BYDAY=MO'] })))).toBe('EVENT_CONFLICT');
    expect(ok(await cal.alice.get_event(seriesId)).title).toBe('Daily standup');
  });

  it('deletes one occurrence of a series', async () => {
    const left = ok(await cal.alice.delete_event(seriesId, { occurrence: '2025-03-10T09:00:00' }));
    expect(left[0]!.exdates).toEqual(['2025-03-10T09:00:00']);
    const starts = ok(await cal.alice.list_events(march([privateCalendar]))).occurrences.map((o) => o.recurrence_id[0]);
    expect(starts).toEqual(['2025-03-03T09:00:00', '2025-03-17T09:00:00', '2025-03-24T09:00:00', '2025-03-31T09:00:00']);
  });

  it('serves the public feed over the HTTP gateway; ical.js parses it; a repeat poll gets 304', async () => {
    const url = `${net.server.url}/calendars/${publicCalendar}.ics?canisterId=${calendarId.toText()}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/calendar/);
    const parsed = new ICAL.Component(ICAL.parse(await response.text()));
    const events = parsed.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.summary, e.location])).toEqual([['Match', 'Field 2']]);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2025-03-03T08:00:00.000Z');
    const etag = response.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const hidden = await fetch(`${net.server.url}/calendars/${privateCalendar}.ics?canisterId=${calendarId.toText()}`);
    expect(hidden.status).toBe(404);
  });

  it('keeps everything across an upgrade', async () => {
    const before = ok(await cal.alice.list_events(march([privateCalendar, publicCalendar])));
    await installChunked(await net.agent(deployer), calendarId, calendarWasm, 'upgrade');
    const after = ok(await cal.alice.list_events(march([privateCalendar, publicCalendar])));
    expect(after).toEqual(before);
    expect(ok(await cal.bob.get_calendar(privateCalendar)).name).toBe('Work');
    expect(ok(await cal.alice.get_event(seriesId)).sequence).toBe(2);
    expect(await cal.anonymous.get_user_registry()).toEqual([registryId]);
  });
});

describe('user registry through the agent on localnet', () => {
  it('registers and updates a profile; others see public fields only', async () => {
    const profile = ok(await reg.alice.register({ display_name: 'Alice', time_zone: 'Europe/Berlin', locale: 'de', week_start: 0, default_calendar: [privateCalendar] }));
    expect(profile.time_zone).toBe('Europe/Berlin');
    expect(errCode(await reg.alice.update_profile({ display_name: 'Alice', time_zone: 'Nowhere/Land', locale: 'de', week_start: 0, default_calendar: [] }))).toBe('PROFILE_INVALID');
    ok(await reg.alice.update_profile({ display_name: 'Alice B.', time_zone: 'America/New_York', locale: 'en-US', week_start: 6, default_calendar: [] }));
    expect(ok(await reg.bob.get_profile(alice.getPrincipal()))).toEqual({ user: alice.getPrincipal(), display_name: 'Alice B.', locale: 'en-US' });
  });

  it('only the user registry may erase; delete_my_account erases the calendar data', async () => {
    expect(errCode(await cal.bob.erase_user_data(alice.getPrincipal()))).toBe('ERASE_FORBIDDEN');
    ok(await cal.bob.create_calendar(calendarInput('Bob', 'private')));
    const deletion = ok(await reg.alice.delete_my_account());
    expect(deletion).toEqual({ calendars_erased: 2, events_erased: 2, pending_canisters: [] });
    expect(ok(await cal.alice.list_calendars())).toEqual([]);
    expect(errCode(await cal.bob.get_calendar(privateCalendar))).toBe('CALENDAR_NOT_FOUND');
    expect(errCode(await cal.anonymous.get_event(seriesId))).toBe('EVENT_NOT_FOUND');
    expect(ok(await cal.bob.list_calendars()).map((c) => c.name)).toEqual(['Bob']);
    expect(errCode(await reg.alice.get_my_profile())).toBe('PROFILE_NOT_FOUND');
  });
});
