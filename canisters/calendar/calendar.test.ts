import { CALENDAR_PALETTE } from './calendar-model.ts';
import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';
import ICAL from 'ical.js';

import {
  calendarCanister,
  calendarInput,
  errCode,
  eventInput,
  ms,
  ok,
  principal,
} from './calendar-test-kit.ts';

const alice = principal(1);
const bob = principal(2);
const carol = principal(3);
const anon = Principal.anonymous();

type Cal = { id: string; event_count: number };
type Ev = { id: string; sequence: number; exdates: string[]; rrule: string[] };
type Page = {
  occurrences: { title: string; start_ms: bigint; recurrence_id: string[] }[];
  next_cursor: string[];
};

const march = (calendar_ids: string[], extra: Record<string, unknown> = {}) => ({
  calendar_ids,
  from_ms: ms('2025-03-01T00:00:00Z'),
  to_ms: ms('2025-04-01T00:00:00Z'),
  cursor: [],
  limit: [],
  ...extra,
});

describe('calendar canister services (memory platform)', () => {
  it('gives a calendar created without a colour the next colour of the accessible palette; the owner changes it', () => {
    const { as } = calendarCanister();
    const bare = (name: string) => ({ ...calendarInput(name), color: [] });
    const colours = ['A', 'B', 'C'].map(
      (name) => ok<{ color: [] | [string] }>(as(alice, 'create_calendar', bare(name))).color[0],
    );
    expect(colours).toEqual([...CALENDAR_PALETTE.slice(0, 3)]);
    const chosen = ok<{ id: string; color: [] | [string] }>(
      as(alice, 'create_calendar', calendarInput('Chosen')),
    );
    expect(chosen.color).toEqual(['#3366ff']);
    const changed = ok<{ color: [] | [string] }>(
      as(alice, 'update_calendar', chosen.id, { ...calendarInput('Chosen'), color: ['#047857'] }),
    );
    expect(changed.color).toEqual(['#047857']);
  });

  it('creates calendars and events, lists occurrences of a weekly series in a window', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    expect(cal.id.startsWith(alice.toText())).toBe(true);
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({ title: 'Weekly', rrule: ['FREQ=WEEKLY;BYDAY=MO'] }),
      ),
    );
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({ title: 'Once', start: '2025-03-10T12:00:00', end: '2025-03-10T13:00:00' }),
      ),
    );
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({ title: 'April', start: '2025-04-10T12:00:00', end: '2025-04-10T13:00:00' }),
      ),
    );
    const page = ok<Page>(as(alice, 'list_events', march([cal.id])));
    expect(page.occurrences.map((o) => o.title)).toEqual([
      'Weekly',
      'Weekly',
      'Once',
      'Weekly',
      'Weekly',
      'Weekly',
    ]);
    // 09:00 Berlin is 08:00 UTC before the DST change on 30 March, 07:00 after it.
    expect(page.occurrences[5]!.start_ms).toBe(ms('2025-03-31T07:00:00Z'));
    expect(ok<Cal[]>(as(alice, 'list_calendars')).map((c) => c.event_count)).toEqual([3]);
  });

  it("an occurrence overridden with an empty description shows none, not the series' text", () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    const override = (recurrence_id: string, description: [] | [string]) => ({
      recurrence_id,
      cancelled: false,
      title: [],
      description,
      location: [],
      start: [],
      end: [],
    });
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({
          title: 'Weekly',
          description: ['Club night.'],
          rrule: ['FREQ=WEEKLY;COUNT=3'],
          overrides: [override('2025-03-10T09:00:00', ['']), override('2025-03-17T09:00:00', [])],
        }),
      ),
    );
    const page = ok<{ occurrences: { description: [] | [string] }[] }>(
      as(alice, 'list_events', march([cal.id])),
    );
    expect(page.occurrences.map((o) => o.description)).toEqual([
      ['Club night.'],
      [''],
      ['Club night.'],
    ]);
  });

  it('pages with a cursor without losing or repeating occurrences', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Daily')));
    ok(as(alice, 'create_event', cal.id, eventInput({ rrule: ['FREQ=DAILY'] })));
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({
          title: 'Lunch',
          start: '2025-03-01T12:00:00',
          end: '2025-03-01T13:00:00',
          rrule: ['FREQ=DAILY;COUNT=10'],
        }),
      ),
    );
    const seen: string[] = [];
    let cursor: string[] = [];
    for (let i = 0; i < 20; i++) {
      const page = ok<Page>(as(alice, 'list_events', march([cal.id], { cursor, limit: [7] })));
      seen.push(...page.occurrences.map((o) => `${o.title}@${o.start_ms}`));
      cursor = page.next_cursor;
      if (cursor.length === 0) break;
    }
    expect(seen.length).toBe(29 + 10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(errCode(as(alice, 'list_events', march([cal.id], { cursor: ['junk'] })))).toBe(
      'QUERY_INVALID',
    );
    expect(
      errCode(as(alice, 'list_events', march([cal.id], { to_ms: ms('2027-01-01T00:00:00Z') }))),
    ).toBe('QUERY_INVALID');
  });

  it('shares: a reader reads but cannot edit, an editor edits, strangers and anonymous see nothing private', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Family')));
    const ev = ok<Ev>(as(alice, 'create_event', cal.id, eventInput()));
    ok(as(alice, 'share_calendar', cal.id, bob, { reader: null }));
    ok(as(alice, 'share_calendar', cal.id, carol, { editor: null }));
    expect(ok<Page>(as(bob, 'list_events', march([cal.id]))).occurrences).toHaveLength(1);
    expect(errCode(as(bob, 'update_event', ev.id, 0, eventInput({ title: 'x' })))).toBe(
      'CALENDAR_FORBIDDEN',
    );
    expect(errCode(as(bob, 'create_event', cal.id, eventInput()))).toBe('CALENDAR_FORBIDDEN');
    expect(
      ok<Ev>(as(carol, 'update_event', ev.id, 0, eventInput({ title: 'Edited' }))).sequence,
    ).toBe(1);
    expect(errCode(as(carol, 'share_calendar', cal.id, bob, { editor: null }))).toBe(
      'CALENDAR_FORBIDDEN',
    );
    expect(errCode(as(principal(9), 'get_event', ev.id))).toBe('EVENT_NOT_FOUND');
    expect(errCode(as(anon, 'list_events', march([cal.id])))).toBe('CALENDAR_NOT_FOUND');
    expect(errCode(as(anon, 'create_calendar', calendarInput('x')))).toBeDefined();
    ok(as(alice, 'unshare_calendar', cal.id, bob));
    expect(errCode(as(bob, 'get_calendar', cal.id))).toBe('CALENDAR_NOT_FOUND');
  });

  it('public calendars are readable by anonymous callers; private ones are not listed publicly', () => {
    const { as } = calendarCanister();
    const pub = ok<Cal>(as(alice, 'create_calendar', calendarInput('Club', 'public')));
    const priv = ok<Cal>(as(alice, 'create_calendar', calendarInput('Secret')));
    const match = ok<Ev>(
      as(alice, 'create_event', pub.id, eventInput({ title: 'Match', location: ['Field 2'] })),
    );
    const hidden = ok<Ev>(as(alice, 'create_event', priv.id, eventInput({ title: 'Hidden' })));
    const q = {
      calendar_id: pub.id,
      from_ms: ms('2025-03-01T00:00:00Z'),
      to_ms: ms('2025-04-01T00:00:00Z'),
      cursor: [],
      limit: [],
    };
    expect(ok<Page>(as(anon, 'list_public_events', q)).occurrences.map((o) => o.title)).toEqual([
      'Match',
    ]);
    expect(errCode(as(anon, 'list_public_events', { ...q, calendar_id: priv.id }))).toBe(
      'CALENDAR_NOT_FOUND',
    );
    // The widget's details popover reads a public event whole; a private one looks absent.
    expect(
      ok<{ title: string; location: string[] }>(as(anon, 'get_event', match.id)),
    ).toMatchObject({ title: 'Match', location: ['Field 2'] });
    expect(errCode(as(anon, 'get_event', hidden.id))).toBe('EVENT_NOT_FOUND');
    expect(errCode(as(anon, 'export_ics', priv.id))).toBe('CALENDAR_NOT_FOUND');
    expect(ok<string>(as(anon, 'export_ics', pub.id))).toContain('SUMMARY:Match');
  });

  it('update_event with a stale sequence is a conflict', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    const ev = ok<Ev>(as(alice, 'create_event', cal.id, eventInput()));
    ok(as(alice, 'update_event', ev.id, 0, eventInput({ title: 'v1' })));
    expect(errCode(as(alice, 'update_event', ev.id, 0, eventInput({ title: 'v2' })))).toBe(
      'EVENT_CONFLICT',
    );
    expect(ok<Ev>(as(alice, 'update_event', ev.id, 1, eventInput({ title: 'v2' }))).sequence).toBe(
      2,
    );
  });

  it('deletes one occurrence, this-and-following, or the whole series', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    const ev = ok<Ev>(
      as(alice, 'create_event', cal.id, eventInput({ rrule: ['FREQ=WEEKLY;BYDAY=MO'] })),
    );
    const left = ok<Ev[]>(as(alice, 'delete_event', ev.id, { occurrence: '2025-03-10T09:00:00' }));
    expect(left[0]!.exdates).toEqual(['2025-03-10T09:00:00']);
    const starts = () =>
      ok<Page>(as(alice, 'list_events', march([cal.id]))).occurrences.map(
        (o) => o.recurrence_id[0],
      );
    expect(starts()).toEqual([
      '2025-03-03T09:00:00',
      '2025-03-17T09:00:00',
      '2025-03-24T09:00:00',
      '2025-03-31T09:00:00',
    ]);
    expect(errCode(as(alice, 'delete_event', ev.id, { occurrence: '2025-03-11T09:00:00' }))).toBe(
      'OCCURRENCE_NOT_FOUND',
    );
    ok(as(alice, 'delete_event', ev.id, { this_and_following: '2025-03-24T09:00:00' }));
    expect(starts()).toEqual(['2025-03-03T09:00:00', '2025-03-17T09:00:00']);
    expect(ok<unknown[]>(as(alice, 'delete_event', ev.id, { all: null }))).toEqual([]);
    expect(starts()).toEqual([]);
  });

  it('splits a series in one step, continuing a COUNT; a refused split writes nothing', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    const rule = 'FREQ=WEEKLY;BYDAY=MO;COUNT=6';
    const series = ok<Ev>(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({ rrule: [rule], exdates: ['2025-03-10T09:00:00'] }),
      ),
    );
    const titlesAndStarts = () =>
      ok<Page>(
        as(alice, 'list_events', march([cal.id], { to_ms: ms('2025-06-01T00:00:00Z') })),
      ).occurrences.map(
        (o) => `${o.title} ${new Date(Number(o.start_ms)).toISOString().slice(0, 10)}`,
      );
    const before = titlesAndStarts();
    expect(before).toHaveLength(5); // 6 generated, one excluded

    // Refusals: stale sequence, no such instance, invalid input; the series is untouched.
    const retitled = eventInput({
      title: 'Retro',
      start: '2025-03-24T10:00:00',
      end: '2025-03-24T10:30:00',
      rrule: [rule],
    });
    expect(errCode(as(alice, 'split_event', series.id, 7, '2025-03-24T09:00:00', retitled))).toBe(
      'EVENT_CONFLICT',
    );
    expect(errCode(as(alice, 'split_event', series.id, 0, '2025-03-25T09:00:00', retitled))).toBe(
      'OCCURRENCE_NOT_FOUND',
    );
    expect(
      errCode(
        as(alice, 'split_event', series.id, 0, '2025-03-24T09:00:00', { ...retitled, title: '' }),
      ),
    ).toBe('EVENT_INVALID');
    expect(errCode(as(bob, 'split_event', series.id, 0, '2025-03-24T09:00:00', retitled))).toBe(
      'EVENT_NOT_FOUND',
    );
    expect(titlesAndStarts()).toEqual(before);

    const split = ok<{ before: Ev[]; after: Ev }>(
      as(alice, 'split_event', series.id, 0, '2025-03-24T09:00:00', retitled),
    );
    // Mar 3, (10 excluded), 17 stay; the same rule continues with the 3 instances left.
    expect(split.after.rrule).toEqual(['FREQ=WEEKLY;BYDAY=MO;COUNT=3']);
    expect(split.before[0]!.rrule[0]).toMatch(/^FREQ=WEEKLY;BYDAY=MO;UNTIL=20250324T/);
    expect(titlesAndStarts()).toEqual([
      'Standup 2025-03-03',
      'Standup 2025-03-17',
      'Retro 2025-03-24',
      'Retro 2025-03-31',
      'Retro 2025-04-07',
    ]);
    expect(ok<Cal>(as(alice, 'get_calendar', cal.id)).event_count).toBe(2);
  });

  it('a split with a new rule keeps it as given; a split at the first instance replaces the series', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    const series = ok<Ev>(
      as(alice, 'create_event', cal.id, eventInput({ rrule: ['FREQ=WEEKLY;BYDAY=MO;COUNT=4'] })),
    );
    const daily = eventInput({
      start: '2025-03-03T09:00:00',
      end: '2025-03-03T09:15:00',
      rrule: ['FREQ=DAILY;COUNT=2'],
    });
    const split = ok<{ before: Ev[]; after: Ev }>(
      as(alice, 'split_event', series.id, 0, '2025-03-03T09:00:00', daily),
    );
    expect(split.before).toEqual([]);
    expect(split.after.rrule).toEqual(['FREQ=DAILY;COUNT=2']);
    expect(ok<Cal>(as(alice, 'get_calendar', cal.id)).event_count).toBe(1);
  });

  it('rejects oversized input with typed errors', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    expect(errCode(as(alice, 'create_event', cal.id, eventInput({ title: 'x'.repeat(201) })))).toBe(
      'EVENT_INVALID',
    );
    expect(
      errCode(as(alice, 'create_event', cal.id, eventInput({ description: ['x'.repeat(8193)] }))),
    ).toBe('EVENT_INVALID');
    expect(
      errCode(as(alice, 'create_event', cal.id, eventInput({ location: ['x'.repeat(501)] }))),
    ).toBe('EVENT_INVALID');
    const reminders = Array.from({ length: 51 }, () => ({
      minutes_before: 5,
      action: [],
      description: [],
    }));
    expect(errCode(as(alice, 'create_event', cal.id, eventInput({ reminders })))).toBe(
      'EVENT_INVALID',
    );
    const longRule = as<{ Err: { code: string; message: string } }>(
      alice,
      'create_event',
      cal.id,
      eventInput({ rrule: ['FREQ=DAILY;' + 'BYHOUR=1;'.repeat(60)] }),
    );
    expect(longRule.Err).toMatchObject({
      code: 'EVENT_INVALID',
      message: expect.stringMatching(/rrule.*512/i),
    });
    expect(
      errCode(as(alice, 'create_event', cal.id, eventInput({ time_zone: 'Mars/Olympus' }))),
    ).toBe('EVENT_INVALID');
  });

  it('imports ICS idempotently by UID, reports rejected components, writes nothing unless told to skip them', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Imported')));
    const vevent = (uid: string, summary: string, extra = '') =>
      `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250305T100000Z\r\nDTEND:20250305T110000Z\r\nSUMMARY:${summary}\r\n${extra}END:VEVENT\r\n`;
    const file = (body: string) =>
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n${body}END:VCALENDAR\r\n`;
    const good = file(vevent('a@x', 'A') + vevent('b@x', 'B'));
    const request = (ics: string, skip = false) => ({
      calendar_id: cal.id,
      ics,
      skip_invalid: skip,
    });
    expect(ok(as(alice, 'import_ics', request(good)))).toMatchObject({
      applied: true,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(ok(as(alice, 'import_ics', request(good)))).toMatchObject({ created: 0, unchanged: 2 });
    expect(
      ok(as(alice, 'import_ics', request(file(vevent('a@x', 'A2') + vevent('b@x', 'B'))))),
    ).toMatchObject({ updated: 1, unchanged: 1 });
    const bad = file(vevent('c@x', 'C') + vevent('d@x', 'D', 'RRULE:FREQ=SOMETIMES\r\n'));
    const refused = ok<{ applied: boolean; rejected: { uid: string[]; code: string }[] }>(
      as(alice, 'import_ics', request(bad)),
    );
    expect(refused.applied).toBe(false);
    expect(refused.rejected.map((r) => r.uid[0])).toEqual(['d@x']);
    expect(ok<Cal>(as(alice, 'get_calendar', cal.id)).event_count).toBe(2);
    expect(ok(as(alice, 'import_ics', request(bad, true)))).toMatchObject({
      applied: true,
      created: 1,
    });
    const repaired = ok<{ warnings: { line: number; code: string }[]; created: number }>(
      as(alice, 'import_ics', request(file(vevent('e@x', 'E').replace('UID:e@x\r\n', '')), true)),
    );
    expect(repaired.created).toBe(1);
    expect(repaired.warnings).toEqual([
      { line: 4, code: 'UID_SYNTHESIZED', message: expect.stringContaining('synthesized-') },
    ]);
    expect(errCode(as(alice, 'import_ics', request('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n')))).toBe(
      'ICS_MALFORMED',
    );
    const exported = ok<string>(as(alice, 'export_ics', cal.id));
    const parsed = new ICAL.Component(ICAL.parse(exported));
    expect(
      parsed
        .getAllSubcomponents('vevent')
        .map((v) => v.getFirstPropertyValue('summary'))
        .sort(),
    ).toEqual(['A2', 'B', 'C', 'E']);
  });

  it('serves the public feed with ETag and 304, only for public calendars, through an upgrade', () => {
    const { as, platform } = calendarCanister();
    const pub = ok<Cal>(as(alice, 'create_calendar', calendarInput('Club', 'public')));
    const priv = ok<Cal>(as(alice, 'create_calendar', calendarInput('Secret')));
    ok(as(alice, 'create_event', pub.id, eventInput({ title: 'Match' })));
    const get = (url: string, headers: [string, string][] = []) => ({
      method: 'GET',
      url,
      headers,
      body: new Uint8Array(),
      certificate_version: [],
    });
    type Resp = {
      status_code: number;
      headers: [string, string][];
      body: Uint8Array;
      upgrade: boolean[];
    };
    expect(as<Resp>(anon, 'http_request', get(`/calendars/${pub.id}.ics`)).upgrade).toEqual([true]);
    const first = as<Resp>(anon, 'http_request_update', get(`/calendars/${pub.id}.ics`));
    expect(first.status_code).toBe(200);
    expect(new TextDecoder().decode(first.body)).toContain('SUMMARY:Match');
    const etag = first.headers.find(([k]) => k === 'etag')![1];
    expect(
      as<Resp>(
        anon,
        'http_request_update',
        get(`/calendars/${pub.id}.ics`, [['If-None-Match', etag]]),
      ).status_code,
    ).toBe(304);
    platform.advance(5);
    ok(as(alice, 'create_event', pub.id, eventInput({ title: 'Rematch' })));
    expect(
      as<Resp>(
        anon,
        'http_request_update',
        get(`/calendars/${pub.id}.ics`, [['If-None-Match', etag]]),
      ).status_code,
    ).toBe(200);
    expect(
      as<Resp>(anon, 'http_request_update', get(`/calendars/${priv.id}.ics`)).status_code,
    ).toBe(404);
  });

  it('free/busy only for users who opted in, transparent events excluded', () => {
    const { as } = calendarCanister();
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    ok(as(alice, 'create_event', cal.id, eventInput()));
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({ start: '2025-03-03T09:10:00', end: '2025-03-03T10:00:00' }),
      ),
    );
    ok(
      as(
        alice,
        'create_event',
        cal.id,
        eventInput({ start: '2025-03-04T09:10:00', end: '2025-03-04T10:00:00', transparent: true }),
      ),
    );
    const window = [ms('2025-03-01T00:00:00Z'), ms('2025-03-08T00:00:00Z')] as const;
    type Busy = { shared: boolean; busy: { start_ms: bigint; end_ms: bigint }[] }[];
    expect(ok<Busy>(as(bob, 'free_busy', [alice], ...window))[0]).toMatchObject({
      shared: false,
      busy: [],
    });
    ok(as(alice, 'set_free_busy_sharing', true));
    expect(ok<Busy>(as(bob, 'free_busy', [alice], ...window))[0]!.busy).toEqual([
      { start_ms: ms('2025-03-03T08:00:00Z'), end_ms: ms('2025-03-03T09:00:00Z') },
    ]);
  });

  it('erases a user only when the configured user registry asks, in batches', () => {
    const { as, controller } = calendarCanister();
    const registry = principal(50);
    const cal = ok<Cal>(as(alice, 'create_calendar', calendarInput('Work')));
    ok(as(alice, 'create_event', cal.id, eventInput()));
    ok(as(bob, 'create_calendar', calendarInput('Bob')));
    expect(errCode(as(registry, 'erase_user_data', alice))).toBe('ERASE_FORBIDDEN');
    expect(errCode(as(alice, 'set_user_registry', registry))).toBeDefined();
    ok(as(controller, 'set_user_registry', registry));
    expect(errCode(as(alice, 'erase_user_data', alice))).toBe('ERASE_FORBIDDEN');
    expect(ok(as(registry, 'erase_user_data', alice))).toEqual({
      calendars: 1,
      events: 1,
      done: true,
    });
    expect(ok<Cal[]>(as(alice, 'list_calendars'))).toEqual([]);
    expect(ok<Cal[]>(as(bob, 'list_calendars'))).toHaveLength(1);
  });
});
