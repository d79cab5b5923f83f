import { describe, expect, it } from 'vitest';

import type { EventRecord } from './calendar-model.ts';
import type { CalendarEvent } from './domain/index.ts';
import { conditionalHeaders, feedResponseOf, keepFeedHeaders } from './subscription-fetch.ts';
import { planFeed } from './subscription-reconcile.ts';

const event = (uid: string, title: string): CalendarEvent =>
  ({
    uid,
    title,
    timeZone: 'UTC',
    allDay: false,
    start: '2025-03-03T09:00:00',
    end: '2025-03-03T10:00:00',
    sequence: 0,
    reminders: [],
    overrides: [],
    transparent: false,
  }) as unknown as CalendarEvent;
const stored = (uid: string, title: string) =>
  ({ id: `e1.${uid}`, event: { ...event(uid, title), sequence: 3, created: 1 } }) as EventRecord;

describe('planFeed (reconciliation by UID)', () => {
  it('creates new UIDs, updates changed ones, deletes missing ones and leaves equal ones', () => {
    const plan = planFeed(
      [stored('same', 'Same'), stored('changed', 'Old'), stored('gone', 'Gone')],
      [event('same', 'Same'), event('changed', 'New'), event('new', 'New one')],
      [],
    );
    expect(plan.create.map((e) => e.uid)).toEqual(['new']);
    expect(plan.update.map((u) => [u.record.event.uid, u.event.title])).toEqual([
      ['changed', 'New'],
    ]);
    expect(plan.remove.map((r) => r.event.uid)).toEqual(['gone']);
    expect(plan.unchanged).toBe(1);
  });

  it('keeps the event of a UID whose VEVENT the import refused, and counts it as skipped', () => {
    const plan = planFeed(
      [stored('broken', 'Was fine'), stored('gone', 'Gone')],
      [],
      [{ line: 4, component: 'VEVENT', uid: 'broken', code: 'RRULE_INVALID', reason: 'bad' }],
    );
    expect(plan.remove.map((r) => r.event.uid)).toEqual(['gone']);
    expect(plan.skipped).toBe(1);
  });

  it('deletes the event of a UID the feed now marks STATUS:CANCELLED', () => {
    const plan = planFeed(
      [stored('called-off', 'Meeting')],
      [],
      [
        {
          line: 9,
          component: 'VEVENT',
          uid: 'called-off',
          code: 'ICS_COMPONENT_INVALID',
          reason: 'STATUS:CANCELLED event skipped',
        },
      ],
    );
    expect(plan.remove.map((r) => r.event.uid)).toEqual(['called-off']);
  });

  it('a UID twice in the feed is one event (the last wins)', () => {
    const plan = planFeed([], [event('a', 'First'), event('a', 'Second')], []);
    expect(plan.create.map((e) => e.title)).toEqual(['Second']);
  });
});

describe('conditional requests', () => {
  it('sends If-None-Match and If-Modified-Since only for the validators it has', () => {
    const names = (h: { name: string }[]) => h.map((x) => x.name);
    expect(names(conditionalHeaders({}))).toEqual(['accept']);
    expect(
      conditionalHeaders({ etag: '"abc"', lastModified: 'Mon, 03 Mar 2025 08:00:00 GMT' }),
    ).toEqual([
      { name: 'accept', value: 'text/calendar, */*;q=0.5' },
      { name: 'if-none-match', value: '"abc"' },
      { name: 'if-modified-since', value: 'Mon, 03 Mar 2025 08:00:00 GMT' },
    ]);
    expect(names(conditionalHeaders({ lastModified: 'x' }))).toEqual([
      'accept',
      'if-modified-since',
    ]);
  });

  it('the transform keeps status, body, ETag and Last-Modified, in one order, and nothing else', () => {
    const body = new Uint8Array([1, 2, 3]);
    const kept = keepFeedHeaders({
      status: 200n,
      body,
      headers: [
        { name: 'Date', value: 'Mon, 03 Mar 2025 08:00:01 GMT' },
        { name: 'Last-Modified', value: 'Mon, 03 Mar 2025 08:00:00 GMT' },
        { name: 'Set-Cookie', value: 'id=1' },
        { name: 'ETag', value: 'W/"7"' },
      ],
    });
    expect(kept).toEqual({
      status: 200n,
      body,
      headers: [
        { name: 'etag', value: 'W/"7"' },
        { name: 'last-modified', value: 'Mon, 03 Mar 2025 08:00:00 GMT' },
      ],
    });
  });

  it('a 304 is "not modified", an error status a recorded error, a 200 its body and validators', () => {
    expect(feedResponseOf({ status: 304n, headers: [], body: new Uint8Array() })).toEqual({
      kind: 'not_modified',
    });
    expect(() => feedResponseOf({ status: 404n, headers: [], body: new Uint8Array() })).toThrow(
      /HTTP 404/,
    );
    expect(
      feedResponseOf({
        status: 200n,
        headers: [{ name: 'etag', value: '"1"' }],
        body: new Uint8Array([66]),
      }),
    ).toEqual({ kind: 'body', body: new Uint8Array([66]), etag: '"1"' });
  });
});
