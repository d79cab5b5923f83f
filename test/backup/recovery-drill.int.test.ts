import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { protectWithBackup } from '../../cli/deploy/protect-with-backup.ts';
import { engineBackend, provideDataCertificates } from '../../localnet/http/engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from '../../localnet/http/server.ts';
import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { CanisterCalendarSource } from '../../web-components/client/canister-calendar-source.ts';
import {
  connectThroughLoadBalancer,
  resolveShard,
} from '../../web-components/client/shard-route.ts';
import { buildSystemCanisters } from './build-backup-canister.ts';
import { corruptStable, drillIcs, localControllerAccess, uninstall } from './drill-support.ts';

// The disaster-recovery drill on localnet: a calendar shard with DRILL_EVENTS events (1,000 in
// npm test; `npm run drill:backup` runs 10,000) is backed up by the scheduler, a later backup is
// damaged in the backup canister's stable memory, the shard is uninstalled, and a recovery plan
// restores the last good version into a new canister that the registry, the user registry and
// the load balancer then name. Every calendar, event and share compares equal, and the widget's
// client path (the load balancer's route, then the shard, over localnet's HTTP interface) reads
// the same month.
const EVENTS = Number(process.env.DRILL_EVENTS ?? 1000);
const BATCH = 500;
// 100,000 events (npm run drill:backup:100k) take about an hour on localnet.
if (EVENTS > 10_000) vi.setConfig({ testTimeout: EVENTS * 30 });
const admin = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(91));
const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(92));
const bob = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(93));
const noArgs = new Uint8Array(IDL.encode([], []));
const MARCH = { start: Date.UTC(2025, 2, 1), end: Date.UTC(2025, 3, 1) };

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyActor = Record<string, (...args: any[]) => Promise<any>>;
function ok<T>(reply: Reply<T>): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}

type Name = 'registry' | 'backup' | 'calendar' | 'users' | 'lb';
let network: LocalNetwork;
let server: LocalnetHttpServer;
let ids: Record<Name, Principal>;
let idl: Record<Name, IDL.InterfaceFactory>;
let vault: Actor<AnyActor>;
let shardBefore: Principal;
let viewAtBackup: Awaited<ReturnType<typeof aliceView>>;

const actor = (name: keyof typeof ids, who = admin, id = ids[name]) => {
  const created = network.createActor<AnyActor>(idl[name], id);
  created.setIdentity(who);
  return created;
};

/** Everything alice sees on a shard: calendars with shares, every occurrence of 2024-2025, March through the widget's client. */
async function aliceView(shard: Principal) {
  const calendar = actor('calendar', alice, shard);
  const calendars = ok(await calendar.list_calendars()) as { id: string; event_count: number }[];
  const calendarIds = calendars.map((c) => c.id);
  const occurrences: unknown[] = [];
  // One list_events window holds at most 367 days: 2024, then 2025.
  for (const [from, to] of [
    [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)],
    [Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1)],
  ]) {
    let cursor: [] | [string] = [];
    do {
      const page = ok(
        await calendar.list_events({
          calendar_ids: calendarIds,
          from_ms: BigInt(from!),
          to_ms: BigInt(to!),
          cursor,
          limit: [500],
        }),
      ) as { occurrences: unknown[]; next_cursor: [] | [string] };
      occurrences.push(...page.occurrences);
      cursor = page.next_cursor;
    } while (cursor.length > 0);
  }
  const widget = new CanisterCalendarSource(calendar as never, async () =>
    alice.getPrincipal().toText(),
  );
  const month = await widget.listOccurrences(calendarIds, MARCH);
  return { calendars, occurrences, month };
}

beforeAll(
  async () => {
    const built = await buildSystemCanisters([
      'registry',
      'backup',
      'calendar',
      'user_registry',
      'load_balancer',
    ]);
    network = await LocalNetwork.create();
    server = await createHttpServer({ backend: engineBackend(network.engine), port: 0 });
    provideDataCertificates(network.engine, server);
    const sender = admin.getPrincipal();
    const install = async (name: keyof typeof built) =>
      (
        await network.setupCanister({
          idlFactory: () => IDL.Service({}),
          wasm: built[name].wasm,
          arg: noArgs,
          sender,
        })
      ).canisterId;
    ids = {
      registry: await install('registry'),
      backup: await install('backup'),
      calendar: await install('calendar'),
      users: await install('user_registry'),
      lb: await install('load_balancer'),
    };
    const load = async (name: keyof typeof built) =>
      ((await import(built[name].bindingsPath)) as { idlFactory: IDL.InterfaceFactory }).idlFactory;
    idl = {
      registry: await load('registry'),
      backup: await load('backup'),
      calendar: await load('calendar'),
      users: await load('user_registry'),
      lb: await load('load_balancer'),
    };
    shardBefore = ids.calendar;
    vault = actor('backup');

    // What deploy configures: groups, memberships, auth → registry, the calendar ↔ user registry links.
    const registry = actor('registry');
    ok(await registry.register_canister_group('system', 'infrastructure'));
    ok(await registry.register_canister_group('app', 'user data'));
    const member = (group: string, canister: Principal, kind: string) => ({
      group,
      canister,
      kind,
      shard: [],
    });
    ok(await registry.add_canister_to_group(member('system', ids.backup, 'backup')));
    ok(await registry.add_canister_to_group(member('app', ids.calendar, 'calendar')));
    ok(await registry.add_canister_to_group(member('app', ids.users, 'user_registry')));
    ok(await registry.add_canister_to_group(member('system', ids.lb, 'load_balancer')));
    for (const name of ['backup', 'calendar', 'users', 'lb'] as const) {
      const auth = network.createActor<AnyActor>(IDL_AUTH, ids[name]);
      auth.setIdentity(admin);
      await auth.auth_set_registry(ids.registry);
    }
    ok(await actor('calendar').set_user_registry(ids.users));
    ok(await actor('users').set_calendar_canisters([ids.calendar]));
    ok(await actor('lb').add_shard(ids.calendar, 100));
    const written = await protectWithBackup({
      backup: vault as never,
      backupId: ids.backup,
      access: localControllerAccess(network, sender),
      canisters: [
        { id: ids.registry.toText(), type: 'registry', group: 'system', wasm: built.registry.wasm },
        { id: ids.calendar.toText(), type: 'calendar', group: 'app', wasm: built.calendar.wasm },
        {
          id: ids.users.toText(),
          type: 'user_registry',
          group: 'app',
          wasm: built.user_registry.wasm,
        },
        {
          id: ids.lb.toText(),
          type: 'load_balancer',
          group: 'system',
          wasm: built.load_balancer.wasm,
        },
      ],
    });
    expect(written.filter((line) => line.endsWith('protected'))).toHaveLength(4);

    // Alice signs in through the widget's client path: the load balancer pins her to the shard.
    expect(await resolveShard(widgetRoute())).toBe(ids.calendar.toText());

    // Alice's data: a shared calendar with EVENTS events, seeded through import_ics.
    const calendar = actor('calendar', alice);
    const work = ok(
      await calendar.create_calendar({
        name: 'Work',
        description: [],
        color: [],
        time_zone: 'Europe/Berlin',
        visibility: { private: null },
      }),
    ) as { id: string };
    ok(await calendar.share_calendar(work.id, bob.getPrincipal(), { reader: null }));
    for (let from = 0; from < EVENTS; from += BATCH) {
      const count = Math.min(BATCH, EVENTS - from);
      ok(
        await calendar.import_ics({
          calendar_id: work.id,
          ics: drillIcs(from, count),
          skip_invalid: false,
        }),
      );
    }
  },
  Math.max(1_800_000, EVENTS * 60),
);

afterAll(async () => {
  await server?.close();
  await network?.tearDown();
});

/** What `<icp-calendar canister-id=<load balancer>>` does on a fresh page load for alice. */
function widgetRoute() {
  const page = new Map<string, string>();
  return {
    loadBalancerId: ids.lb.toText(),
    host: server.url,
    identity: alice,
    cache: {
      getItem: (key: string) => page.get(key) ?? null,
      setItem: (key: string, value: string) => void page.set(key, value),
      removeItem: (key: string) => void page.delete(key),
    },
  };
}

const IDL_AUTH: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    auth_set_registry: I.Func(
      [I.Principal],
      [I.Variant({ Ok: I.Null, Err: I.Record({ code: I.Text, message: I.Text }) })],
      [],
    ),
  });

describe(`recovery drill (${EVENTS} events on a calendar shard)`, () => {
  it('the scheduler backs the shard up on advanceTime', async () => {
    await network.advanceTime(6 * 60_000);
    await network.tick(3);
    const versions = ok(await vault.list_versions(ids.calendar)) as {
      status: string;
      kind: string;
      records: bigint;
      trigger: string;
    }[];
    // A shard with no backup yet reports itself degraded, so the health poll may also take an
    // emergency export and snapshot: the export versions are what a recovery restores.
    const done = versions.filter((v) => v.status === 'complete' && v.kind === 'export');
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.at(-1)!.records).toBeGreaterThanOrEqual(BigInt(EVENTS));
    viewAtBackup = await aliceView(ids.calendar);
    expect(viewAtBackup.occurrences).toHaveLength(EVENTS);
    expect(viewAtBackup.month.length).toBe(EVENTS / 5);
  });

  it('detects a corrupted stored chunk and recovers from the previous good version into a new canister', async () => {
    const calendarId = viewAtBackup.calendars[0]!.id;
    const calendar = actor('calendar', alice);
    const marker = 'Marker only in the newest backup';
    ok(
      await calendar.create_event(calendarId, {
        title: marker,
        // Twice in the record: a chunk boundary can split one copy, not both.
        description: [marker],
        location: [],
        color: [],
        time_zone: 'UTC',
        all_day: false,
        start: '2025-03-20T10:00:00',
        end: '2025-03-20T11:00:00',
        rrule: [],
        exdates: [],
        rdates: [],
        reminders: [],
        transparent: false,
        overrides: [],
      }),
    );
    ok(await vault.emergency_backup(ids.calendar, { export: null }));
    expect(corruptStable(network, ids.backup, marker)).toBe(true);

    await uninstall(network, ids.calendar, admin.getPrincipal());
    await expect(actor('calendar', alice).list_calendars()).rejects.toThrow();

    const first = ok(await vault.generate_recovery_plan(ids.calendar, { new: null })) as {
      id: bigint;
      version: bigint;
      steps: { name: string; estimated_instructions: bigint }[];
    };
    expect(first.steps.map((s) => s.name)).toEqual([
      'select_version',
      'create_canister',
      'install_wasm',
      'restore_chunks',
      'verify_restore',
      'register',
      'repoint_links',
      'repoint_load_balancer',
      'health_check',
    ]);
    expect(first.steps.every((s) => s.estimated_instructions > 0n)).toBe(true);
    const failed = await vault.execute_recovery(ids.calendar, first.id);
    expect(failed.Err.code).toBe('VAULT_PLAN_FAILED');
    expect(failed.Err.message).toContain('VAULT_CHUNK_CORRUPT');
    const progress = ok(await vault.recovery_progress(ids.calendar, first.id)) as {
      status: string;
      cursor: number;
    };
    expect(progress).toMatchObject({ status: 'failed', cursor: 3 });

    const second = ok(await vault.generate_recovery_plan(ids.calendar, { new: null })) as {
      id: bigint;
      version: bigint;
      target: [] | [Principal];
    };
    expect(second.version).toBeLessThan(first.version);
    const done = ok(await vault.execute_recovery(ids.calendar, second.id)) as {
      status: string;
      target: [Principal];
      steps: { status: string; attempts: number }[];
    };
    expect(done.status).toBe('done');
    expect(done.steps.every((s) => s.status === 'done')).toBe(true);
    const shard = done.target[0];
    expect(shard.toText()).not.toBe(shardBefore.toText());
    // The canister the failed plan created is reused, not a third one.
    expect(second.target.map((p) => p.toText())).toEqual([shard.toText()]);
    ids.calendar = shard;

    // The restored shard's own metrics: no message of the restore may pass the 20 B target.
    const metrics = ok(await actor('calendar', admin, shard).get_metrics()) as {
      methods: { method: string; calls: bigint; instructions: { max: bigint } }[];
    };
    const largest = metrics.methods.reduce((a, b) =>
      b.instructions.max > a.instructions.max ? b : a,
    );
    const commits = metrics.methods.find((m) => m.method === 'backup_import_commit')!;
    console.log(
      `restore of ${EVENTS} events: largest message ${(Number(largest.instructions.max) / 1e9).toFixed(2)} B instructions (${largest.method}), ${commits.calls} commit steps`,
    );
    expect(largest.instructions.max).toBeLessThan(20_000_000_000n);
  });

  it('every calendar, event and share, and the widget month, compare equal', async () => {
    const after = await aliceView(ids.calendar);
    expect(after.calendars).toEqual(viewAtBackup.calendars);
    expect(after.occurrences).toEqual(viewAtBackup.occurrences);
    expect(after.month).toEqual(viewAtBackup.month);
    // The widget's whole client path: route on the load balancer, then the shard over HTTP.
    const widget = await connectThroughLoadBalancer({
      ...widgetRoute(),
      calendarIds: after.calendars.map((c) => c.id),
    });
    const month = await widget.listOccurrences(
      after.calendars.map((c) => c.id),
      MARCH,
    );
    expect(month).toEqual(viewAtBackup.month);
  });

  it('the load balancer routes alice and the shard to the new canister', async () => {
    const lb = actor('lb');
    expect(ok(await lb.route(alice.getPrincipal()))).toEqual({
      canister: ids.calendar,
      placed: true,
    });
    const stats = (await lb.get_load_balancer_stats()) as {
      shards: { canister: Principal; users: bigint }[];
    };
    expect(stats.shards.map((s) => [s.canister.toText(), s.users])).toEqual([
      [ids.calendar.toText(), 1n],
    ]);
    expect(await resolveShard(widgetRoute())).toBe(ids.calendar.toText());
  });

  it("the registry and the user registry name the new canister; it is protected in the old one's place", async () => {
    const members = (await actor('registry').lookup('calendar')) as { canister: Principal }[];
    expect(members.map((m) => m.canister.toText())).toEqual([ids.calendar.toText()]);
    const listed = (await actor('users').get_calendar_canisters()) as Principal[];
    expect(listed.map((p) => p.toText())).toEqual([ids.calendar.toText()]);
    const protectedNow = (await vault.list_protected()) as { canister: Principal }[];
    const names = protectedNow.map((p) => p.canister.toText());
    expect(names).toContain(ids.calendar.toText());
    expect(names).not.toContain(shardBefore.toText());
  });
});
