import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import {
  calendarCanister,
  calendarInput,
  errCode,
  eventInput,
  ok,
  principal,
} from './calendar-test-kit.ts';

const alice = principal(1);
const bob = principal(2);
const anon = Principal.anonymous();
type Cal = { id: string };
type Resp = { status_code: number; headers: [string, string][]; body: Uint8Array };

const get = (url: string) => ({
  method: 'GET',
  url,
  headers: [],
  body: new Uint8Array(),
  certificate_version: [],
});

function setUp() {
  const kit = calendarCanister();
  let draw = 0;
  kit.platform.calls.set(Principal.managementCanister().toText(), (method) => {
    expect(method).toBe('raw_rand');
    return new Uint8Array(32).fill(++draw);
  });
  const cal = ok<Cal>(kit.as(alice, 'create_calendar', calendarInput('Private')));
  ok(kit.as(alice, 'create_event', cal.id, eventInput({ title: 'Dentist' })));
  const status = (url: string) => kit.as<Resp>(anon, 'http_request_update', get(url)).status_code;
  return { ...kit, cal, status };
}

describe('secret feed addresses of private calendars', () => {
  it('a token opens the private feed, a wrong or revoked one does not, and a new one replaces it', async () => {
    const { as, cal, status } = setUp();
    const feed = `/calendars/${cal.id}.ics`;
    expect(status(feed)).toBe(404);
    const address = ok<string>(await as(alice, 'create_feed_token', cal.id));
    expect(address).toMatch(new RegExp(`^${feed}\\?token=[0-9a-f]{64}$`));
    // the query path already admits it (it asks for an upgrade instead of refusing)
    expect(as<{ upgrade: boolean[] }>(anon, 'http_request', get(address)).upgrade).toEqual([true]);
    const served = as<Resp>(anon, 'http_request_update', get(address));
    expect(served.status_code).toBe(200);
    expect(new TextDecoder().decode(served.body)).toContain('SUMMARY:Dentist');
    expect(served.headers).toContainEqual(['cache-control', 'private, max-age=60']);
    expect(status(address.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBe(404);
    expect(status(`${feed}?token=short`)).toBe(404);

    const second = ok<string>(await as(alice, 'create_feed_token', cal.id));
    expect(second).not.toBe(address);
    expect(status(address)).toBe(404);
    expect(status(second)).toBe(200);
    expect(ok(as(alice, 'revoke_feed_token', cal.id))).toBe(true);
    expect(status(second)).toBe(404);
    expect(ok(as(alice, 'revoke_feed_token', cal.id))).toBe(false);
  });

  it('only the owner issues or revokes (others are told no such calendar); a deleted calendar has no feed', async () => {
    const { as, cal, status } = setUp();
    expect(errCode(await as(bob, 'create_feed_token', cal.id))).toBe('CALENDAR_NOT_FOUND');
    expect(errCode(as(bob, 'revoke_feed_token', cal.id))).toBe('CALENDAR_NOT_FOUND');
    const address = ok<string>(await as(alice, 'create_feed_token', cal.id));
    ok(as(alice, 'delete_calendar', cal.id));
    expect(status(address)).toBe(404);
  });
});
