import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork } from '../../localnet/index.ts';
import { buildCalendarCanisters, type BuiltModule } from './build-calendar-canisters.ts';

/**
 * The last calendar that stored values in the binary codec and index keys as byte arrays. Its
 * data must survive an upgrade to this code unchanged, and keep taking writes. Built from git
 * history into a git-ignored folder (the first run takes a minute or two).
 */
const FIRST_FORMAT_COMMIT = '7cd09de';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const oldTree = fileURLToPath(new URL('./.azle/first-format', import.meta.url));

/** A shallow clone lacks the old commit: say so loudly and skip rather than fail on a missing object. */
function historyHas(commit: string): boolean {
  try {
    execSync(`git -C "${repoRoot}" cat-file -e ${commit}^{commit}`, { stdio: 'ignore' });
    return true;
  } catch {
    console.warn(
      `stored-format-upgrade: commit ${commit} is not in this clone (shallow?); test skipped`,
    );
    return false;
  }
}
const historyAvailable = historyHas(FIRST_FORMAT_COMMIT);

async function buildFirstFormatCalendar(): Promise<BuiltModule> {
  const stamp = `${oldTree}/.commit`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== FIRST_FORMAT_COMMIT) {
    rmSync(oldTree, { recursive: true, force: true });
    mkdirSync(oldTree, { recursive: true });
    execSync(`git -C "${repoRoot}" archive ${FIRST_FORMAT_COMMIT} | tar -x -C "${oldTree}"`);
    symlinkSync(`${repoRoot}/node_modules`, `${oldTree}/node_modules`);
    writeFileSync(stamp, FIRST_FORMAT_COMMIT);
  }
  const old = (await import(`${oldTree}/test/calendar/build-calendar-canisters.ts`)) as {
    buildCalendarCanisters: typeof buildCalendarCanisters;
  };
  return (await old.buildCalendarCanisters()).calendar;
}

type Reply = { Ok: unknown } | { Err: { code: string; message: string } };
const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(81)).getPrincipal();
const friend = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(82)).getPrincipal();
const pad = (n: number) => String(n).padStart(2, '0');
const event = (title: string, extra: object = {}) => ({
  title,
  description: [],
  location: [],
  color: [],
  time_zone: 'Europe/Berlin',
  all_day: false,
  start: '2025-03-03T09:00:00',
  end: '2025-03-03T10:00:00',
  rrule: [],
  exdates: [],
  rdates: [],
  reminders: [{ minutes_before: 10, action: [], description: [] }],
  transparent: false,
  overrides: [],
  ...extra,
});
const march = {
  from_ms: BigInt(Date.UTC(2025, 2, 1)),
  to_ms: BigInt(Date.UTC(2025, 3, 1)),
  cursor: [],
  limit: [500],
};

let network: LocalNetwork;
let fresh: BuiltModule;
let canisterId: Principal;
let call: (method: string, args: unknown[], sender?: Principal) => Promise<unknown>;
let upgraded = false;

beforeAll(async () => {
  if (!historyAvailable) return;
  const first = await buildFirstFormatCalendar();
  fresh = (await buildCalendarCanisters()).calendar;
  network = await LocalNetwork.create();
  ({ canisterId } = await network.setupCanister({
    idlFactory: () => IDL.Service({}),
    wasm: first.wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: owner,
    controllers: [owner],
  }));
  // Until the upgrade, calls go through the first format's own interface, as an old client's
  // would: a reply of the old module lacks fields the current interface has added since.
  const methodsOf = async (bindingsPath: string) => {
    const { idlFactory } = (await import(bindingsPath)) as { idlFactory: IDL.InterfaceFactory };
    return new Map((idlFactory({ IDL }) as IDL.ServiceClass)._fields);
  };
  const [firstMethods, methods] = await Promise.all([
    methodsOf(first.bindingsPath),
    methodsOf(fresh.bindingsPath),
  ]);
  call = async (method, args, sender = owner) => {
    const func = (upgraded ? methods : firstMethods).get(method)!;
    const arg = new Uint8Array(IDL.encode(func.argTypes, args));
    const request = { sender, canisterId, method, arg };
    const outcome = func.annotations.includes('query')
      ? await network.engine.query(request)
      : await network.engine.update(request);
    if (outcome.kind !== 'replied') throw new Error(`${method}: ${outcome.rejectMessage}`);
    const [reply] = IDL.decode(func.retTypes, outcome.reply) as [Reply];
    if ('Err' in reply) throw new Error(`${method}: ${reply.Err.code} ${reply.Err.message}`);
    return reply.Ok;
  };
}, 600_000);

afterAll(async () => {
  await network?.tearDown();
});

describe.skipIf(!historyAvailable)('calendar data written in the first stored format', () => {
  it('reads the same after an upgrade, and keeps taking writes', async () => {
    const calendar = (await call('create_calendar', [
      {
        name: 'Wörk ☃',
        description: ['say "hi"\nsecond line'],
        color: ['#123456'],
        time_zone: 'Europe/Berlin',
        visibility: { public: null },
      },
    ])) as { id: string };
    await call('share_calendar', [calendar.id, friend, { reader: null }]);
    const create = async (input: object) =>
      ((await call('create_event', [calendar.id, input])) as { id: string }).id;
    const ids = [
      await create(
        event('Müller ☃ 日本 "quoted" \\ back', {
          description: ['multi\nline\ttab'],
          location: ['Zürich'],
        }),
      ),
      await create(
        event('Weekly', {
          rrule: ['FREQ=WEEKLY;BYDAY=MO,WE'],
          exdates: ['2025-03-05T09:00:00'],
          overrides: [
            {
              recurrence_id: '2025-03-10T09:00:00',
              cancelled: false,
              title: ['Moved'],
              description: [],
              location: [],
              start: ['2025-03-10T11:00:00'],
              end: ['2025-03-10T12:00:00'],
            },
          ],
        }),
      ),
      await create(
        event('All day', {
          all_day: true,
          start: '2025-03-07',
          end: '2025-03-09',
          time_zone: 'America/New_York',
        }),
      ),
    ];
    // Enough events that the old index has split into branches and several leaves.
    for (let i = 0; i < 70; i++) {
      const day = `2025-03-${pad(1 + (i % 28))}`;
      ids.push(
        await create(
          event(`Filler ${i}`, {
            start: `${day}T0${i % 9}:00:00`,
            end: `${day}T0${(i % 9) + 1}:00:00`,
          }),
        ),
      );
    }
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:imported-1@example.org',
      'DTSTAMP:20250101T000000Z',
      'DTSTART:20250312T100000Z',
      'DTEND:20250312T110000Z',
      'SUMMARY:Impörted',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    await call('import_ics', [{ calendar_id: calendar.id, ics, skip_invalid: false }]);
    await call('set_free_busy_sharing', [true]);

    const month = { ...march, calendar_ids: [calendar.id] };
    const snapshot = async () => ({
      list: (await call('list_events', [month])) as { occurrences: { event_id: string }[] },
      page: await call('list_events', [{ ...month, limit: [7] }]),
      events: await Promise.all(ids.map((id) => call('get_event', [id]))),
      calendars: await call('list_calendars', []),
      sharedWithFriend: await call('list_calendars', [], friend),
      ics: await call('export_ics', [calendar.id]),
      busy: await call('free_busy', [[owner], march.from_ms, march.to_ms]),
    });
    const before = await snapshot();
    expect(before.list.occurrences.length).toBeGreaterThan(70);

    await network.upgradeCanister({
      canisterId,
      wasm: fresh.wasm,
      arg: new Uint8Array(IDL.encode([], [])),
      sender: owner,
    });
    upgraded = true;
    const after = await snapshot();
    // Fields the interface gained since the first format read their default for old records.
    for (const reply of [after.calendars, after.sharedWithFriend])
      for (const calendar of reply as { subscribed?: boolean }[]) {
        expect(calendar.subscribed).toBe(false);
        delete calendar.subscribed;
      }
    expect(after).toEqual(before);

    // The old records and index nodes take updates, deletions and inserts.
    const weekly = (await call('get_event', [ids[1]])) as { sequence: number };
    await call('update_event', [
      ids[1],
      weekly.sequence,
      event('Weekly renamed', { rrule: ['FREQ=WEEKLY;BYDAY=MO,WE'] }),
    ]);
    await call('delete_event', [ids[0], { all: null }]);
    for (let i = 0; i < 40; i++) {
      const day = `2025-03-${pad(1 + (i % 28))}`;
      await create(
        event(`After ${i}`, { start: `${day}T1${i % 9}:00:00`, end: `${day}T1${i % 9}:30:00` }),
      );
    }
    const later = (await call('list_events', [month])) as {
      occurrences: { title: string; event_id: string }[];
    };
    const titles = later.occurrences.map((o) => o.title);
    // One event deleted; the renamed series lost its EXDATE (one more instance); 40 added.
    expect(titles).toHaveLength(before.list.occurrences.length - 1 + 1 + 40);
    expect(titles).toContain('Weekly renamed');
    expect(titles).not.toContain('Weekly');
    expect(later.occurrences.some((o) => o.event_id === ids[0])).toBe(false);
    for (let i = 0; i < 40; i++) expect(titles).toContain(`After ${i}`);
  }, 300_000);
});
