/**
 * Backup and recovery of a calendar shard with N events on localnet's metered engine: for the
 * backup (backup_now: the backup canister pulls every chunk, checks its sha256, stores it) and the
 * recovery (generate_recovery_plan + execute_recovery into a new canister), the instructions of
 * each canister (total and the largest single message) and the cycles they spent; and the stable
 * memory the backup canister used per backed-up event against the exported data's size.
 * Targets: no message over 20 B instructions; backup storage ≤ 1.2× the live data.
 * Run: npm run bench -- backup            (BENCH_SIZES=10000,100000 by default; progress on stderr)
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { protectWithBackup } from '../cli/deploy/protect-with-backup.ts';
import type { Canister } from '../localnet/engine/canister.ts';
import { LocalNetwork } from '../localnet/index.ts';
import { buildSystemCanisters } from '../test/backup/build-backup-canister.ts';
import { drillIcs, localControllerAccess, uninstall } from '../test/backup/drill-support.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const admin = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(95));
const noArgs = new Uint8Array(IDL.encode([], []));
type Reply = { Ok: unknown } | { Err: { code: string; message: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyActor = Record<string, (...args: any[]) => Promise<any>>;
const ok = (reply: Reply) => {
  if ('Err' in reply) throw new Error(`${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
};
const log = (line: string) => process.stderr.write(`${line}\n`);
const g = (n: bigint) => `${(Number(n) / 1e9).toFixed(2)} B`;

/** Sums every message's instructions on a canister, and keeps the largest. */
function meter(canister: Canister) {
  const figures = { total: 0n, max: 0n, messages: 0 };
  let last = canister.lastInstructions;
  Object.defineProperty(canister, 'lastInstructions', {
    get: () => last,
    set: (value: bigint) => {
      last = value;
      figures.total += value;
      figures.messages += 1;
      if (value > figures.max) figures.max = value;
    },
  });
  return {
    take() {
      const taken = { ...figures };
      Object.assign(figures, { total: 0n, max: 0n, messages: 0 });
      return taken;
    },
  };
}

function writtenStableBytes(canister: Canister): number {
  const stable = canister.stableMemory;
  let pages = 0;
  for (let offset = 0; offset < stable.size; offset += 65_536) {
    if (stable.read(offset, Math.min(65_536, stable.size - offset)).some((b) => b !== 0)) pages++;
  }
  return pages * 65_536;
}

async function run(
  events: number,
  built: Awaited<ReturnType<typeof buildSystemCanisters<'backup' | 'calendar'>>>,
) {
  const network = await LocalNetwork.create();
  const sender = admin.getPrincipal();
  const install = async (name: 'backup' | 'calendar') =>
    (
      await network.setupCanister({
        idlFactory: () => IDL.Service({}),
        wasm: built[name].wasm,
        arg: noArgs,
        sender,
      })
    ).canisterId;
  const vaultId = await install('backup');
  const calendarId = await install('calendar');
  const actor = async (name: 'backup' | 'calendar', id: Principal) => {
    const { idlFactory } = (await import(built[name].bindingsPath)) as {
      idlFactory: IDL.InterfaceFactory;
    };
    const created = network.createActor<AnyActor>(idlFactory, id);
    created.setIdentity(admin);
    return created;
  };
  const vault = await actor('backup', vaultId);
  const calendar = await actor('calendar', calendarId);
  await protectWithBackup({
    backup: vault as never,
    backupId: vaultId,
    access: localControllerAccess(network, sender),
    canisters: [
      { id: calendarId.toText(), type: 'calendar', group: 'app', wasm: built.calendar.wasm },
    ],
  });
  const { id } = ok(
    await calendar.create_calendar({
      name: 'Bench',
      description: [],
      color: [],
      time_zone: 'UTC',
      visibility: { private: null },
    }),
  ) as { id: string };
  const started = Date.now();
  for (let from = 0; from < events; from += 500) {
    ok(
      await calendar.import_ics({
        calendar_id: id,
        ics: drillIcs(from, Math.min(500, events - from)),
        skip_invalid: false,
      }),
    );
    if (from % 10_000 === 0)
      log(`  ${from} events seeded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const engine = network.engine;
  const vaultCanister = engine.getCanister(vaultId)!;
  const shard = engine.getCanister(calendarId)!;
  const vaultMeter = meter(vaultCanister);
  const shardMeter = meter(shard);
  const stableBefore = writtenStableBytes(vaultCanister);
  const cyclesBefore = { vault: vaultCanister.cycles, shard: shard.cycles };
  log(`  backing up ${events} events`);
  const taken = ok(await vault.emergency_backup(calendarId, { export: null })) as {
    version: [bigint];
  };
  const backup = { vault: vaultMeter.take(), shard: shardMeter.take() };
  const backupCycles =
    cyclesBefore.vault - vaultCanister.cycles + (cyclesBefore.shard - shard.cycles);
  const [version] = (
    ok(await vault.list_versions(calendarId)) as { id: bigint; bytes: bigint; records: bigint }[]
  ).filter((v) => v.id === taken.version[0]);
  const stableUsed = writtenStableBytes(vaultCanister) - stableBefore;

  await uninstall(network, calendarId, sender);
  log(`  recovering ${events} events into a new canister`);
  const vaultCyclesBefore = vaultCanister.cycles;
  const plan = ok(await vault.generate_recovery_plan(calendarId, { new: null })) as {
    id: bigint;
    estimated_instructions: bigint;
    estimated_cycles: bigint;
  };
  const done = ok(await vault.execute_recovery(calendarId, plan.id)) as {
    status: string;
    target: [Principal];
  };
  const restoreVault = vaultMeter.take();
  // The new canister's own messages since creation: its cycles were the funding minus what it spent.
  const restoreCycles = vaultCyclesBefore - vaultCanister.cycles;
  // The restored canister was created mid-run: its own figures come from its metrics plugin.
  const metrics = ok(await (await actor('calendar', done.target[0])).get_metrics()) as {
    methods: { method: string; calls: bigint; instructions: { sum: bigint; max: bigint } }[];
  };
  const target = metrics.methods.reduce<{
    total: bigint;
    max: bigint;
    method: string;
    commits: bigint;
  }>(
    (acc, m) => ({
      total: acc.total + m.instructions.sum,
      ...(m.instructions.max > acc.max
        ? { max: m.instructions.max, method: m.method }
        : { max: acc.max, method: acc.method }),
      commits: m.method === 'backup_import_commit' ? m.calls : acc.commits,
    }),
    { total: 0n, max: 0n, method: '', commits: 0n },
  );
  return {
    target,
    events,
    backup,
    backupCycles,
    version: version!,
    stableUsed,
    restoreVault,
    restoreCycles,
    plan,
    status: done.status,
  };
}

async function main() {
  const built = await buildSystemCanisters(['backup', 'calendar']);
  console.log(
    'events | backup: vault total / max msg, shard total / max msg, cycles | restore: vault total / max msg, new shard total / max msg, cycles (incl. 1.5 T create+fund) | exported bytes | vault stable bytes | stable/event | ratio',
  );
  for (const size of SIZES) {
    log(`${size} events`);
    const r = await run(size, built);
    console.log(
      [
        r.events,
        `${g(r.backup.vault.total)} / ${g(r.backup.vault.max)}`,
        `${g(r.backup.shard.total)} / ${g(r.backup.shard.max)}`,
        `${g(r.backupCycles)} cycles`,
        `${g(r.restoreVault.total)} / ${g(r.restoreVault.max)}`,
        `${g(r.target.total)} / ${g(r.target.max)}`,
        `${g(r.restoreCycles)} cycles (${r.status})`,
        `${r.version.bytes}`,
        `${r.stableUsed}`,
        `${(r.stableUsed / r.events).toFixed(0)} B`,
        `${(r.stableUsed / Number(r.version.bytes)).toFixed(2)}x`,
      ].join(' | '),
    );
    console.log(
      `  plan estimate: ${g(r.plan.estimated_instructions)} instructions, ${g(r.plan.estimated_cycles)} cycles`,
    );
    console.log(
      `  largest restore message: ${g(r.target.max)} instructions (${r.target.method}); ${r.target.commits} backup_import_commit messages`,
    );
  }
}

await main();
