import type { ActorSubclass } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  downloadBackup,
  restoreBackup,
  type BackupActor,
} from '../../plugins/backup/backup-transfer.ts';
import { buildCalendarCanisters } from './build-calendar-canisters.ts';
import { deployOverHttp, type Localnet, startLocalnet } from './localnet-deploy.ts';

// Disaster recovery of the real calendar Wasm: the standard plugins it is composed with (backup,
// health, metrics) work through the agent, and a backup restored into a new canister serves the
// same calendars, occurrences and ICS. The bindings are generated into a git-ignored folder.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CalendarActor = ActorSubclass<Record<string, (...args: any[]) => Promise<any>>>;

const deployer = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(81));
const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(82));

let net: Localnet;
let calendarWasm: Uint8Array;
let createActor: (id: Principal, agent: unknown) => CalendarActor;
let original: { deployer: CalendarActor; alice: CalendarActor };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ok(reply: { Ok: any } | { Err: { code: string; message: string } }): any {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}
const ms = (iso: string) => BigInt(Date.parse(iso));

async function deployCalendar(wasm: Uint8Array) {
  const id = await deployOverHttp(await net.agent(deployer), wasm);
  return {
    deployer: createActor(id, await net.agent(deployer)),
    alice: createActor(id, await net.agent(alice)),
  };
}

/** Everything alice sees: her calendars, March's occurrences of all of them, and each one's ICS. */
async function aliceView(calendar: CalendarActor) {
  const calendars = ok(await calendar.list_calendars()) as { id: string }[];
  const ids = calendars.map((c) => c.id);
  const march = ok(
    await calendar.list_events({
      calendar_ids: ids,
      from_ms: ms('2025-03-01T00:00:00Z'),
      to_ms: ms('2025-04-01T00:00:00Z'),
      cursor: [],
      limit: [],
    }),
  );
  const ics = await Promise.all(ids.map(async (id) => ok(await calendar.export_ics(id))));
  return { calendars, occurrences: march.occurrences, ics };
}

beforeAll(async () => {
  const built = await buildCalendarCanisters();
  ({ createActor } = await import(built.calendar.bindingsPath));
  calendarWasm = built.calendar.wasm;
  net = await startLocalnet();
  original = await deployCalendar(calendarWasm);
  const input = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    description: [],
    location: [],
    color: [],
    time_zone: 'Europe/Berlin',
    all_day: false,
    start: '2025-03-03T09:00:00',
    end: '2025-03-03T09:30:00',
    rrule: [],
    exdates: [],
    rdates: [],
    reminders: [],
    transparent: false,
    overrides: [],
    ...extra,
  });
  const work = ok(
    await original.alice.create_calendar({
      name: 'Work',
      description: [],
      color: [],
      time_zone: 'Europe/Berlin',
      visibility: { private: null },
    }),
  ).id;
  ok(
    await original.alice.create_event(
      work,
      input('Standup', { rrule: ['FREQ=WEEKLY;BYDAY=MO,WE'], exdates: ['2025-03-05T09:00:00'] }),
    ),
  );
  ok(
    await original.alice.create_event(
      work,
      input('Review', { start: '2025-03-14T15:00:00', end: '2025-03-14T16:00:00' }),
    ),
  );
}, 900_000);

afterAll(async () => {
  await net?.close();
});

describe('calendar canister with its standard plugins', () => {
  it('answers health_check to anyone, with the figures for its controller; metrics for the controller only', async () => {
    const health = await original.alice.health_check();
    expect(health.checks).toEqual([]);
    const detailed = await original.deployer.health_check();
    const checks = detailed.checks[0] as { name: string; healthy: boolean }[];
    expect(checks.find((check) => check.name === 'stores')?.healthy).toBe(true);
    // Written to, never backed up: degraded until the next test takes a backup.
    expect(checks.find((check) => check.name === 'last-backup')?.healthy).toBe(false);
    expect(Object.keys(health.status)).toEqual(['degraded']);
    const metrics = ok(await original.deployer.get_metrics());
    expect(metrics.methods.map((m: { method: string }) => m.method)).toContain('create_event');
    expect(await original.alice.get_metrics()).toMatchObject({
      Err: { code: 'METRICS_FORBIDDEN' },
    });
  });

  it('restores a backup into a new canister that then serves the same calendars, events and ICS', async () => {
    const before = await aliceView(original.alice);
    expect(before.occurrences.map((o: { title: string }) => o.title)).toContain('Review');

    const backup = await downloadBackup(original.deployer as unknown as BackupActor, {
      confirm: true,
    });
    expect(backup.manifest.stores.map((store) => store.name)).toEqual(
      expect.arrayContaining(['calendar/calendars', 'calendar/events']),
    );
    expect(Object.keys((await original.alice.health_check()).status)).toEqual(['healthy']);
    const replacement = await deployCalendar(calendarWasm);
    expect(ok(await replacement.alice.list_calendars())).toEqual([]);

    await expect(
      restoreBackup(replacement.alice as unknown as BackupActor, backup),
    ).rejects.toThrow(/^BACKUP_FORBIDDEN: /);
    const restored = await restoreBackup(replacement.deployer as unknown as BackupActor, backup);
    expect(restored.entries).toBeGreaterThanOrEqual(3);

    const after = await aliceView(replacement.alice);
    expect(after).toEqual(before);
    // The restored canister keeps working: a new event lands next to the restored ones.
    const [work] = after.calendars;
    const added = ok(
      await replacement.alice.create_event(work!.id, {
        ...{ title: 'Retro', description: [], location: [], color: [], time_zone: 'Europe/Berlin' },
        ...{ all_day: false, start: '2025-03-20T11:00:00', end: '2025-03-20T12:00:00' },
        ...{ rrule: [], exdates: [], rdates: [], reminders: [], transparent: false, overrides: [] },
      }),
    );
    expect(added.id).not.toBe('');
    expect((await aliceView(replacement.alice)).occurrences.length).toBe(
      before.occurrences.length + 1,
    );
  });

  it('splits a series through the agent in one update, continuing its COUNT', async () => {
    const [work] = ok(await original.alice.list_calendars()) as { id: string }[];
    const weekly = {
      title: 'Planning',
      description: [],
      location: [],
      color: [],
      time_zone: 'Europe/Berlin',
      all_day: false,
      start: '2025-03-04T09:00:00',
      end: '2025-03-04T10:00:00',
      rrule: ['FREQ=WEEKLY;COUNT=4'],
      exdates: [],
      rdates: [],
      reminders: [],
      transparent: false,
      overrides: [],
    };
    const series = ok(await original.alice.create_event(work!.id, weekly));
    const split = ok(
      await original.alice.split_event(series.id, series.sequence, '2025-03-18T09:00:00', {
        ...weekly,
        title: 'Planning (longer)',
        start: '2025-03-18T09:00:00',
        end: '2025-03-18T11:00:00',
      }),
    );
    expect(split.after.rrule).toEqual(['FREQ=WEEKLY;COUNT=2']);
    const march = ok(
      await original.alice.list_events({
        calendar_ids: [work!.id],
        from_ms: ms('2025-03-01T00:00:00Z'),
        to_ms: ms('2025-05-01T00:00:00Z'),
        cursor: [],
        limit: [],
      }),
    );
    const planning = march.occurrences
      .filter((o: { title: string }) => o.title.startsWith('Planning'))
      .map((o: { title: string; start_ms: bigint }) => [o.title, Number(o.start_ms)]);
    expect(planning).toEqual([
      ['Planning', Date.parse('2025-03-04T08:00:00Z')],
      ['Planning', Date.parse('2025-03-11T08:00:00Z')],
      ['Planning (longer)', Date.parse('2025-03-18T08:00:00Z')],
      ['Planning (longer)', Date.parse('2025-03-25T08:00:00Z')],
    ]);
  });
});
