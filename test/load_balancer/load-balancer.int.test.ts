import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectShardLines } from '../../cli/status/shard-lines.ts';
import type { Actor } from '../../localnet/index.ts';
import {
  connectCalendarFollowingMoves,
  connectThroughLoadBalancer,
  resolveCalendarCanister,
  resolveShard,
} from '../../web-components/client/shard-route.ts';
import {
  idlFactory as calendarIdl,
  type _SERVICE as CalendarService,
} from '../../web-components/client/generated/calendar-bindings.ts';
import {
  idlFactory as lbIdl,
  type _SERVICE as LoadBalancerService,
} from '../../web-components/client/generated/load-balancer-bindings.ts';
import { type ShardedSystem, startShardedSystem } from './sharded-system.ts';

// `npm test` places 150 users per strategy; `npm run drill:lb` (LB_DRILL_USERS=3000) the 3,000.
const USERS = Number(process.env.LB_DRILL_USERS ?? 150);
const POLL_MS = 30_000; // canister.yaml: health.every
const STEP_MS = 5_000; // canister.yaml: provisioning.stepEvery

let system: ShardedSystem;
let lb: Actor<LoadBalancerService>;

function ok<T>(reply: { Ok: T } | { Err: { code: string; message: string } }): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}
const errCode = (reply: { Ok: unknown } | { Err: { code: string } }) =>
  'Err' in reply ? reply.Err.code : undefined;

let nextUser = 0;
const newUser = () => {
  nextUser += 1;
  return Principal.fromUint8Array(
    Uint8Array.of(0x51, nextUser >> 16, (nextUser >> 8) & 255, nextUser & 255),
  );
};

async function place(count: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    lb.setPrincipal(newUser());
    const shard = ok(await lb.assign_me()).canister.toText();
    counts.set(shard, (counts.get(shard) ?? 0) + 1);
  }
  lb.setPrincipal(system.deployer.getPrincipal());
  return counts;
}

const stats = () => lb.get_load_balancer_stats();
const stateOf = async (shard: Principal) =>
  (await stats()).shards.find((s) => s.canister.toText() === shard.toText())!.state;
const countsOf = (counts: Map<string, number>) =>
  system.ids.shards.map((s) => counts.get(s.toText()) ?? 0);

beforeAll(async () => {
  system = await startShardedSystem(3);
  lb = system.network.createActor<LoadBalancerService>(lbIdl, system.ids.loadBalancer);
  lb.setPrincipal(system.deployer.getPrincipal());
  // From here the clock moves only when a test says so: timers fire exactly where expected.
  // (advancing by 0 stops the clock where it is; setting a time read earlier can be in the past.)
  await system.network.advanceTime(0);
}, 600_000);

afterAll(async () => {
  await system?.close();
});

describe('load balancer on localnet', () => {
  it('is wired by deploy: 3 shards, links, the calendar Wasm held for provisioning', async () => {
    const now = await stats();
    expect(now.shards.map((s) => [s.canister.toText(), s.state, s.weight])).toEqual(
      system.ids.shards.map((s) => [s.toText(), 'active', 100]),
    );
    expect(now.shard_wasm.module_hash[0]).toEqual(sha256(system.modules.calendar.wasm));
    expect(now.shard_wasm.uploaded).toBe(now.shard_wasm.chunks);
    expect(now.strategy).toBe('least_connections');
  });

  it(
    `spreads ${USERS} users on 3 shards with each strategy`,
    async () => {
      ok(await lb.set_strategy('round_robin'));
      const roundRobin = countsOf(await place(USERS));
      expect(Math.max(...roundRobin) - Math.min(...roundRobin)).toBeLessThanOrEqual(1);
      expect(roundRobin.reduce((a, b) => a + b)).toBe(USERS);

      ok(await lb.set_strategy('least_connections'));
      await place(USERS);
      const window = (await stats()).shards.map((s) => Number(s.users_in_window));
      expect(Math.max(...window) - Math.min(...window)).toBeLessThanOrEqual(1);

      ok(await lb.set_strategy('weighted_random'));
      const weights = [100, 200, 300];
      for (const [i, shard] of system.ids.shards.entries())
        ok(await lb.reweight_shard(shard, weights[i]!));
      const weighted = countsOf(await place(USERS));
      for (const [i, count] of weighted.entries()) {
        const p = weights[i]! / 600;
        const sd = Math.sqrt(USERS * p * (1 - p));
        expect(Math.abs(count - USERS * p), `shard ${i}: ${weighted.join('/')}`).toBeLessThan(
          5 * sd,
        );
      }
      for (const shard of system.ids.shards) ok(await lb.reweight_shard(shard, 100));

      // Costs come from each shard's metrics (deploy's admin calls differ per shard); a shard's share
      // of new users is inversely proportional to its cost.
      await lb.poll_shards();
      const costs = (await stats()).shards.map((s) => Math.max(Number(s.cost_instructions), 1));
      expect(
        costs.every((c) => c > 1),
        costs.join('/'),
      ).toBe(true);
      ok(await lb.set_strategy('response_time'));
      const byCost = countsOf(await place(USERS));
      const inverse = costs.map((c) => 1 / c);
      const total = inverse.reduce((a, b) => a + b);
      for (const [i, count] of byCost.entries()) {
        expect(
          Math.abs(count - (USERS * inverse[i]!) / total),
          `${byCost.join('/')} for costs ${costs.join('/')}`,
        ).toBeLessThanOrEqual(2);
      }

      // The figures `npm run drill:lb` reports (users per shard, in shard order).
      console.log(
        `[lb spread] ${USERS} users on 3 shards: round_robin ${roundRobin.join('/')}, ` +
          `least_connections ${window.map((w, i) => w - roundRobin[i]!).join('/')}, weighted_random (100/200/300) ${weighted.join('/')}, ` +
          `response_time ${byCost.join('/')} (costs ${costs.join('/')})`,
      );
      const after = await stats();
      expect(after.placements).toBe(BigInt(4 * USERS));
      expect(after.decisions.map((d) => [d.strategy, Number(d.count)]).sort()).toEqual(
        ['least_connections', 'response_time', 'round_robin', 'weighted_random'].map((s) => [
          s,
          USERS,
        ]),
      );
    },
    300_000 + USERS * 1_500,
  ); // the drill's 12,000 placements take ~19 min on a loaded 2-core machine

  it('lets only admins and controllers change shards or strategies; anyone routes; only the caller pins itself', async () => {
    const stranger = system.network.createActor<LoadBalancerService>(
      lbIdl,
      system.ids.loadBalancer,
    );
    stranger.setPrincipal(newUser());
    const shard = system.ids.shards[0]!;
    expect(errCode(await stranger.set_strategy('round_robin'))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await stranger.add_shard(system.ids.userRegistry, 1))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await stranger.drain_shard(shard))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await stranger.retire_shard(shard))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await stranger.reweight_shard(shard, 5))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await stranger.provision_shard())).toBe('AUTH_FORBIDDEN');
    stranger.setPrincipal(Principal.anonymous());
    expect(errCode(await stranger.assign_me())).toBe('AUTH_ANONYMOUS');
    expect(ok(await stranger.route(Principal.anonymous())).placed).toBe(false);
    expect(await stateOf(shard)).toBe('active');
  });

  it('marks a stopped shard unhealthy within one poll interval plus a tick, sends it no new users, and takes it back', async () => {
    ok(await lb.set_strategy('round_robin'));
    const stopped = system.ids.shards[2]!;
    await system.network.stopCanister({
      canisterId: stopped,
      sender: system.deployer.getPrincipal(),
    });
    await system.network.advanceTime(POLL_MS);
    await system.network.tick();
    expect(await stateOf(stopped)).toBe('unhealthy');
    const counts = await place(30);
    expect(counts.get(stopped.toText())).toBeUndefined();
    expect(countsOf(counts)).toEqual([15, 15, 0]);

    await system.network.startCanister({
      canisterId: stopped,
      sender: system.deployer.getPrincipal(),
    });
    await system.network.advanceTime(POLL_MS);
    await system.network.tick();
    expect(await stateOf(stopped)).toBe('unhealthy'); // one healthy poll of the two required
    await system.network.advanceTime(POLL_MS);
    await system.network.tick();
    expect(await stateOf(stopped)).toBe('active');
    expect(Number((await stats()).failovers)).toBeGreaterThanOrEqual(1);
  });

  it('provisions a 4th shard itself past a tiny threshold, exactly once across a kill between create and install', async () => {
    const canistersBefore = system.network.engine.canisters.size;
    ok(await lb.set_strategy('least_connections'));
    const started = ok(await lb.set_capacity_threshold([1n]))[0];
    expect(started?.step).toBe('create');

    await system.network.advanceTime(STEP_MS);
    await system.network.tick();
    const created = (await stats()).provisioning[0];
    expect(created?.step).toBe('install');
    const newShard = created!.canister[0]!;
    expect(system.network.engine.canisters.size).toBe(canistersBefore + 1);

    // The kill: an upgrade drops the heap and the timers between create_canister and install_code.
    await system.network.upgradeCanister({
      canisterId: system.ids.loadBalancer,
      wasm: system.modules.load_balancer.wasm,
      sender: system.deployer.getPrincipal(),
    });
    for (let round = 0; round < 12 && (await stats()).provisioning.length > 0; round++) {
      await system.network.advanceTime(STEP_MS);
      await system.network.tick();
    }
    const done = await stats();
    expect(done.provisioning).toEqual([]);
    expect(done.provisioned.map((p) => p.toText())).toEqual([newShard.toText()]);
    expect(done.shards.map((s) => s.canister.toText())).toContain(newShard.toText());
    expect(system.network.engine.canisters.size).toBe(canistersBefore + 1);
    ok(await lb.set_capacity_threshold([]));

    const status = await system.network.canisterStatus({
      canisterId: newShard,
      sender: system.deployer.getPrincipal(),
    });
    expect(Buffer.from((status.module_hash as [Uint8Array])[0]).toString('hex')).toBe(
      Buffer.from(sha256(system.modules.calendar.wasm)).toString('hex'),
    );

    // The next user, through the widget's client path: route + assign_me, then writes to the shard directly.
    const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(72));
    const connection = await connectThroughLoadBalancer({
      loadBalancerId: system.ids.loadBalancer.toText(),
      host: system.server.url,
      identity: user,
    });
    const calendar = ok(
      await connection.actor!.create_calendar({
        name: 'Mine',
        description: [],
        color: [],
        time_zone: 'UTC',
        visibility: { private: null },
      }),
    );
    await connection.createEvent({
      calendarId: calendar.id,
      title: 'On the new shard',
      start: Date.parse('2025-05-05T09:00:00Z'),
      end: Date.parse('2025-05-05T10:00:00Z'),
      allDay: false,
      timeZone: 'UTC',
      reminders: [],
    });
    expect(ok(await lb.route(user.getPrincipal()))).toEqual({ canister: newShard, placed: true });
    const onShard = system.network.createActor<CalendarService>(calendarIdl, newShard);
    onShard.setPrincipal(user.getPrincipal());
    const mine = ok(await onShard.list_calendars());
    expect(mine.map((c) => [c.name, c.event_count])).toEqual([['Mine', 1]]);
  }, 600_000);

  it("lets <icp-calendar canister-id> name the load balancer or a shard: the user's own shard, a named calendar's owner's, or the shard itself", async () => {
    const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(75));
    const host = system.server.url;
    const canisterId = system.ids.loadBalancer.toText();
    const own = await resolveCalendarCanister({ canisterId, host, identity: user });
    expect(ok(await lb.route(user.getPrincipal()))).toEqual({
      canister: Principal.fromText(own),
      placed: true,
    });
    const calendarIds = [`${user.getPrincipal().toText()}_c7`];
    const visitor = await resolveCalendarCanister({ canisterId, host, calendarIds });
    expect(visitor).toBe(own);
    const shard = system.ids.shards.find((s) => s.toText() !== own)!.toText();
    expect(await resolveCalendarCanister({ canisterId: shard, host, identity: user })).toBe(shard);
  });

  it('migrates a user to another shard: copy, verify, switch, delete; a failure hands the user back, a retry and a load balancer upgrade between steps finish it; controllers only', async () => {
    const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(74));
    const connection = await connectThroughLoadBalancer({
      loadBalancerId: system.ids.loadBalancer.toText(),
      host: system.server.url,
      identity: user,
    });
    const mine = connection.actor!;
    const calendar = ok(
      await mine.create_calendar({
        name: 'Moving',
        description: [],
        color: [],
        time_zone: 'UTC',
        visibility: { private: null },
      }),
    );
    const addEvent = (title: string) =>
      connection.createEvent({
        calendarId: calendar.id,
        title,
        start: Date.parse('2025-06-02T09:00:00Z'),
        end: Date.parse('2025-06-02T10:00:00Z'),
        allDay: false,
        timeZone: 'UTC',
        reminders: [],
      });
    await addEvent('one');
    await addEvent('two');
    // The widget's own connection (<icp-calendar canister-id=load balancer>), which caches the shard.
    const widget = await connectCalendarFollowingMoves({
      canisterId: system.ids.loadBalancer.toText(),
      host: system.server.url,
      identity: user,
    });
    const widgetEvent = (title: string) =>
      widget.createEvent({
        calendarId: calendar.id,
        title,
        start: Date.parse('2025-06-03T09:00:00Z'),
        end: Date.parse('2025-06-03T10:00:00Z'),
        allDay: false,
        timeZone: 'UTC',
        reminders: [],
      });
    const source = ok(await lb.route(user.getPrincipal())).canister;
    const target = system.ids.shards.find((s) => s.toText() !== source.toText())!;
    const calendarsOn = async (shard: Principal) => {
      const actor = system.network.createActor<CalendarService>(calendarIdl, shard);
      actor.setPrincipal(user.getPrincipal());
      return ok(await actor.list_calendars()).map((c) => [c.name, c.event_count]);
    };
    const june = async (shard: Principal) => {
      const actor = system.network.createActor<CalendarService>(calendarIdl, shard);
      actor.setPrincipal(user.getPrincipal());
      const reply = await actor.list_events({
        calendar_ids: [calendar.id],
        from_ms: BigInt(Date.parse('2025-06-01T00:00:00Z')),
        to_ms: BigInt(Date.parse('2025-07-01T00:00:00Z')),
        cursor: [],
        limit: [],
      });
      return 'Err' in reply ? reply.Err.code : reply.Ok.occurrences;
    };
    /** The shard's calendars and events in all (its backup plan's store counts; an admin read). */
    const storedOn = async (shard: Principal) => {
      const actor = system.network.createActor<CalendarService>(calendarIdl, shard);
      actor.setPrincipal(system.deployer.getPrincipal());
      const stores = ok(await actor.backup_plan()).stores;
      const count = (name: string) => stores.find((s) => s.name.endsWith(`/${name}`))!.count;
      return { calendars: count('calendars'), events: count('events') };
    };
    const statusLines = async () =>
      collectShardLines(await system.agent(), [
        { name: 'load_balancer', id: system.ids.loadBalancer.toText() },
      ]);
    const writeOn = async (shard: Principal) => {
      const actor = system.network.createActor<CalendarService>(calendarIdl, shard);
      actor.setPrincipal(user.getPrincipal());
      const reply = await actor.set_free_busy_sharing(true);
      return 'Err' in reply ? reply.Err.code : 'ok';
    };

    const stranger = system.network.createActor<LoadBalancerService>(
      lbIdl,
      system.ids.loadBalancer,
    );
    stranger.setPrincipal(user.getPrincipal());
    expect(errCode(await stranger.migrate_user(user.getPrincipal(), target))).toBe(
      'AUTH_FORBIDDEN',
    );
    const started = ok(await lb.migrate_user(user.getPrincipal(), target))[0]!;
    expect([started.step, started.from.toText(), started.to.toText()]).toEqual([
      'copy',
      source.toText(),
      target.toText(),
    ]);
    expect(errCode(await stranger.advance_migration(user.getPrincipal()))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await stranger.abort_migration(user.getPrincipal()))).toBe('AUTH_FORBIDDEN');
    const shard = system.network.createActor<CalendarService>(calendarIdl, source);
    shard.setPrincipal(user.getPrincipal());
    expect(errCode(await shard.move_user_out(user.getPrincipal(), target))).toBe('AUTH_FORBIDDEN');
    expect(errCode(await shard.export_user_data(user.getPrincipal(), []))).toBe('AUTH_FORBIDDEN');

    // The target is stopped during the copy: the user stays on the source, writes included.
    const sender = system.deployer.getPrincipal();
    await system.network.stopCanister({ canisterId: target, sender });
    const paused = ok(await lb.advance_migration(user.getPrincipal()))[0]!;
    expect([paused.step, paused.paused, paused.attempts]).toEqual(['copy', true, 1]);
    expect(paused.last_error[0]).toMatch(/stopped/);
    // `icp-calendar status` shows the paused migration, shards by their key.
    const keyOf = async (shard: Principal) =>
      (await stats()).shards.find((s) => s.canister.toText() === shard.toText())!.key;
    const lines = await statusLines();
    expect(lines).toContain(
      `migrations: 1 in progress, ${(await stats()).migrated} users moved`.replace(
        / 1 users/,
        ' 1 user',
      ),
    );
    expect(lines).toContain(
      `  user ${user.getPrincipal().toText()}  shard ${await keyOf(source)} → shard ${await keyOf(target)}  step copy  0 records copied, paused after 1 attempt (last error: ${paused.last_error[0]})`,
    );
    expect(ok(await lb.route(user.getPrincipal())).canister).toEqual(source);
    await addEvent('three');
    expect(await writeOn(source)).toBe('ok');

    // The retry copies; the source is frozen until the switch; an upgrade of the load balancer
    // between verify and switch loses nothing.
    await system.network.startCanister({ canisterId: target, sender });
    expect(ok(await lb.advance_migration(user.getPrincipal()))[0]!.step).toBe('verify');
    expect(await writeOn(source)).toBe('CALENDAR_MOVING');
    await expect(widgetEvent('while moving')).rejects.toMatchObject({ code: 'CALENDAR_MOVING' });
    expect(ok(await lb.advance_migration(user.getPrincipal()))[0]!.step).toBe('switch');
    const before = await june(source);
    const sourceHeld = await storedOn(source);
    expect(Array.isArray(before) && before.map((o) => o.title).sort()).toEqual([
      'one',
      'three',
      'two',
    ]);
    await system.network.upgradeCanister({
      canisterId: system.ids.loadBalancer,
      wasm: system.modules.load_balancer.wasm,
      sender,
    });
    expect((await lb.get_migrations()).map((m) => m.step)).toEqual(['switch']);
    expect(ok(await lb.route(user.getPrincipal())).canister).toEqual(source);
    expect(ok(await lb.advance_migration(user.getPrincipal()))[0]!.step).toBe('release');
    expect(ok(await lb.route(user.getPrincipal()))).toEqual({ canister: target, placed: true });
    // After the switch the user's month reads the same on the target, also through the widget's
    // client path on a new page (route → the shard), before the source's copy is deleted.
    expect(await june(target)).toEqual(before);
    const page = new Map<string, string>();
    const reload = {
      loadBalancerId: system.ids.loadBalancer.toText(),
      host: system.server.url,
      identity: user,
      cache: {
        getItem: (key: string) => page.get(key) ?? null,
        setItem: (key: string, value: string) => void page.set(key, value),
        removeItem: (key: string) => void page.delete(key),
      },
    };
    expect(await resolveShard(reload)).toBe(target.toText());
    const widgetMonth = await (
      await connectThroughLoadBalancer(reload)
    ).listOccurrences([calendar.id], {
      start: Date.parse('2025-06-01T00:00:00Z'),
      end: Date.parse('2025-07-01T00:00:00Z'),
    });
    const byTitle = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(widgetMonth.map((o) => [o.title, o.start, o.end, o.eventId]).sort(byTitle)).toEqual(
      (before as { title: string; start_ms: bigint; end_ms: bigint; event_id: string }[])
        .map((o) => [o.title, Number(o.start_ms), Number(o.end_ms), o.event_id])
        .sort(byTitle),
    );
    expect(ok(await lb.advance_migration(user.getPrincipal()))[0]!.step).toBe('delete');
    expect(ok(await lb.advance_migration(user.getPrincipal()))).toEqual([]);

    expect(await calendarsOn(target)).toEqual([['Moving', 3]]);
    expect(await calendarsOn(source)).toEqual([]);
    // The source's copy is gone, not only hidden behind CALENDAR_MOVED: its stores hold one
    // calendar and three events fewer than at the switch.
    expect(await june(source)).toBe('CALENDAR_MOVED');
    expect(await storedOn(source)).toEqual({
      calendars: sourceHeld.calendars - 1n,
      events: sourceHeld.events - 3n,
    });
    expect(await june(target)).toEqual(before);
    expect(await writeOn(target)).toBe('ok');
    expect(await writeOn(source)).toBe('CALENDAR_MOVED');
    // The widget's stale shard answers CALENDAR_MOVED: it asks the route again and writes on the target.
    await widgetEvent('after the move');
    expect(await calendarsOn(target)).toEqual([['Moving', 4]]);
    const after = await stats();
    expect([after.migrated, after.migrating]).toEqual([1n, 0n]);
  }, 600_000);
});
