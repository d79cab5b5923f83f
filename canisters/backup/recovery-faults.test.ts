import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, type InterCanisterCall } from '../../core/index.ts';
import { activate, activeRuntime } from '../../core/host/current-runtime.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import backup, { sha256Hex } from '../../plugins/backup/index.ts';
import records from '../../plugins/backup/fixtures/plugins/records/index.ts';
import { LEASE_NS } from './recovery-executor.ts';
import { STEP_NAMES, type StepName } from './recovery-model.ts';
import { STEPS } from './recovery-steps.ts';
import service from './service.ts';

// Every step of an executed recovery plan fails in turn, once rejected (the step fails, the plan
// stops there) and once trapped mid-step (the execution dies after its call took effect; the
// lease lapses): executing the plan again ends with the same data, the registry, the user
// registry and the load balancer naming the new canister, one canister created, and every step
// but the failed one run exactly once. The canisters are composed on the memory platform.
const admin = Principal.fromUint8Array(new Uint8Array([41, 1]));
const VAULT = Principal.fromText('aaaaa-aa'); // the memory platform's own id
const SOURCE = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const REGISTRY = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
const LB = 'r7inp-6aaaa-aaaaa-aaabq-cai';
const USERS = 'rkp4c-7iaaa-aaaaa-aaaca-cai';
const NEW = 'rno2w-sqaaa-aaaaa-aaacq-cai';

type Api = Record<string, (...args: unknown[]) => unknown>;
type Fault = { step: StepName; kind: 'reject' | 'trap'; method?: string; occurrence?: number };

/** The call each step's fault hits (none: the step itself fails or dies at its start). */
const CALL_OF: Record<StepName, { method?: string; occurrence?: number }> = {
  select_version: {},
  create_canister: { method: 'create_canister' },
  install_wasm: { method: 'install_chunked_code' },
  restore_chunks: { method: 'backup_import_chunk', occurrence: 2 },
  verify_restore: { method: 'backup_plan_page' },
  register: { method: 'add_canister_to_group' },
  repoint_links: { method: 'set_calendar_canisters' },
  repoint_load_balancer: { method: 'replace_shard_canister' },
  health_check: { method: 'health_check' },
};

function api(classes: readonly (new () => unknown)[]): Api {
  const out: Api = {};
  for (const cls of classes) {
    const instance = new cls() as Api;
    for (const name of Object.getOwnPropertyNames(cls.prototype)) {
      if (name !== 'constructor') out[name] = (...args) => instance[name]!(...args);
    }
  }
  return out;
}

/** Runs `action` with `runtime` as the process's one canister (a Wasm runs one), then switches back. */
function within<T>(runtime: ReturnType<typeof activeRuntime>, action: () => T): T {
  const previous = activeRuntime();
  activate(runtime);
  try {
    return action();
  } finally {
    activate(previous);
  }
}

/** A canister with the records fixture and the backup plugin, controlled by the backup canister. */
function recordsCanister() {
  const previous = activeRuntime();
  const platform = new MemoryPlatform();
  platform.controllers.push(VAULT);
  const canister = composeCanister(
    { name: 'probe', plugins: [records, [backup, { maxChunkBytes: 2048 }]] },
    platform,
  );
  canister.init();
  const calls = api(canister.classes);
  const runtime = activeRuntime();
  activate(previous);
  return (method: string, args: unknown[]) =>
    within(runtime, () => platform.as(VAULT, () => calls[method]!(...args)));
}

function world(fault: Fault) {
  const platform = new MemoryPlatform();
  platform.controllers.push(admin);
  const vault = composeCanister(
    { name: 'backup', plugins: [auth], endpoints: [service] },
    platform,
  );
  vault.init();
  const endpoints = api(vault.classes);
  const runtime = activeRuntime();
  const call = (method: string, ...args: unknown[]) =>
    within(runtime, () => platform.as(admin, () => endpoints[method]!(...args))) as
      | { Ok?: never; Err?: { code: string; message: string } }
      | Promise<{ Ok?: never; Err?: { code: string; message: string } }>;

  const canisters = new Map([[SOURCE, recordsCanister()]]);
  const members = [
    { group: 'app', canister: Principal.fromText(SOURCE), kind: 'calendar', shard: [] },
    { group: 'app', canister: Principal.fromText(USERS), kind: 'user_registry', shard: [] },
    { group: 'system', canister: Principal.fromText(LB), kind: 'load_balancer', shard: [] },
  ];
  const seen = {
    created: 0,
    calendars: [Principal.fromText(SOURCE)],
    lb: [] as string[],
    /** The load balancer's shard: its canister and the ones it replaced. */
    lbShard: { canister: SOURCE, replaced: [] as string[] },
    counts: new Map<string, number>(),
    armed: false,
  };
  const installed = new Set([SOURCE]);
  const management: Record<string, (arg: Record<string, unknown>) => unknown> = {
    create_canister: () => {
      seen.created += 1;
      return { canister_id: Principal.fromText(seen.created === 1 ? NEW : USERS) };
    },
    canister_status: (arg) => {
      const id = (arg.canister_id as Principal).toText();
      return {
        module_hash: installed.has(id) ? [Uint8Array.of(1)] : [],
        settings: { controllers: [admin, VAULT] },
      };
    },
    clear_chunk_store: () => null,
    upload_chunk: (arg) => ({ hash: Uint8Array.of((arg.chunk as Uint8Array).length) }),
    install_chunked_code: (arg) => {
      const id = (arg.target_canister as Principal).toText();
      canisters.set(id, recordsCanister());
      installed.add(id);
      return null;
    },
  };
  const registry: Record<string, (...args: never[]) => unknown> = {
    lookup: (kind: string) => members.filter((m) => m.kind === kind),
    group_members: (group: string) => ({
      Ok: members.filter((m) => m.group === group).map((m) => m.canister),
    }),
    add_canister_to_group: (member: (typeof members)[number]) => {
      members.push(member);
      return { Ok: member };
    },
    remove_canister_from_group: (group: string, canister: Principal) => {
      const at = members.findIndex(
        (m) => m.group === group && m.canister.compareTo(canister) === 'eq',
      );
      return { Ok: members.splice(at, 1)[0] };
    },
  };
  // As the load balancer answers replace_shard_canister (shard-directory.ts): a repeat of a
  // replacement it made is answered as done, any other known or unknown canister is refused.
  const replaceShard = (old: string, replacement: string) => {
    const shard = seen.lbShard;
    if (shard.canister === replacement) {
      if (shard.replaced.includes(old)) return { Ok: null };
      return { Err: { code: 'LB_SHARD_EXISTS', message: `${replacement} is already a shard` } };
    }
    if (shard.canister !== old) {
      return { Err: { code: 'LB_UNKNOWN_SHARD', message: `${old} is not a shard` } };
    }
    seen.lbShard = { canister: replacement, replaced: [...shard.replaced, old] };
    seen.lb.push(`${old} → ${replacement}`);
    return { Ok: null };
  };
  const serve = (id: string, method: string, args: unknown[]): unknown => {
    if (id === 'aaaaa-aa') return management[method]!(args[0] as Record<string, unknown>);
    if (id === REGISTRY) return registry[method]!(...(args as never[]));
    if (id === LB) return replaceShard(String(args[0]), String(args[1]));
    if (id === USERS) {
      if (method === 'get_calendar_canisters') return seen.calendars;
      seen.calendars = args[0] as Principal[];
      return { Ok: null };
    }
    const target = installed.has(id) ? canisters.get(id) : undefined;
    if (target === undefined) throw new Error(`canister ${id} is empty`);
    if (method === 'health_check') return { status: { healthy: null } };
    return target(method, args);
  };
  // The fault: a reject refuses the call; a trap lets it take effect and then never answers
  // (the execution's continuation is lost, as when its callback traps). create_canister's trap
  // comes before the call: a canister created by a lost callback could not be found again.
  const route = (id: string) => async (method: string, request: InterCanisterCall) => {
    const count = (seen.counts.get(method) ?? 0) + 1;
    seen.counts.set(method, count);
    if (seen.armed && method === fault.method && count === (fault.occurrence ?? 1)) {
      if (fault.kind === 'reject') throw new Error(`injected reject of ${method}`);
      if (method !== 'create_canister') serve(id, method, request.args);
      return new Promise(() => undefined);
    }
    return serve(id, method, request.args);
  };
  for (const id of ['aaaaa-aa', SOURCE, NEW, REGISTRY, LB, USERS])
    platform.calls.set(id, route(id));
  return { platform, call, seen, members, canisters, installed };
}

const ok = async <T>(reply: unknown): Promise<T> => {
  const settled = (await reply) as { Ok?: T; Err?: { code: string; message: string } };
  if (settled.Err !== undefined) throw new Error(`${settled.Err.code}: ${settled.Err.message}`);
  return settled.Ok as T;
};

async function recoverWith(fault: Fault) {
  const w = world(fault);
  const source = w.canisters.get(SOURCE)!;
  source('seed_records', ['people', 0, 40]);
  source('seed_records', ['events', 0, 25]);
  const before = source('record_counts', []);
  const people = source('read_records', ['people', 0, 100]);
  await ok(w.call('auth_set_registry', Principal.fromText(REGISTRY)));
  await ok(
    w.call('protect', {
      canister: Principal.fromText(SOURCE),
      kind: 'calendar',
      group: ['app'],
      shard: [],
    }),
  );
  await ok(w.call('emergency_backup', Principal.fromText(SOURCE), { export: null }));
  const wasm = Uint8Array.from({ length: 300 }, (_, i) => i % 251);
  await ok(w.call('upload_wasm_chunk', 'calendar', 0, wasm));
  await ok(w.call('commit_wasm', 'calendar', sha256Hex(wasm)));
  w.installed.delete(SOURCE); // the shard is lost
  const plan = await ok<{ id: bigint }>(
    w.call('generate_recovery_plan', Principal.fromText(SOURCE), { new: null }),
  );

  // Faults count the recovery's calls only (the backup above made some of the same).
  w.seen.counts.clear();
  w.seen.armed = true;
  // A step without a call of its own fails (or dies) as a whole, once.
  const original = STEPS[fault.step];
  if (fault.method === undefined) {
    STEPS[fault.step] = async () => {
      STEPS[fault.step] = original;
      if (fault.kind === 'reject') throw new Error(`injected failure of ${fault.step}`);
      return new Promise<string>(() => undefined);
    };
  }
  const execute = () => w.call('execute_recovery', Principal.fromText(SOURCE), plan.id);
  let outcome: 'failed' | 'hung' | 'done' = 'hung';
  try {
    for (let attempt = 0; attempt < 4; attempt++) {
      const run = Promise.resolve(execute()).then((reply) => (reply.Err ? 'failed' : 'done'));
      outcome = await Promise.race([
        run,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 50)),
      ]);
      if (outcome === 'done') break;
      if (attempt === 0) expect(outcome).toBe(fault.kind === 'reject' ? 'failed' : 'hung');
      // A dead execution holds its lease until it lapses; then the plan is resumed.
      if (outcome === 'hung') w.platform.nowNs += LEASE_NS + 1_000_000_000n;
    }
  } finally {
    STEPS[fault.step] = original;
  }
  const progress = await ok<{
    status: string;
    steps: { name: string; status: string; attempts: number }[];
  }>(w.call('recovery_progress', Principal.fromText(SOURCE), plan.id));
  const target = w.canisters.get(NEW)!;
  return {
    outcome,
    progress,
    seen: w.seen,
    members: w.members,
    before,
    people,
    after: {
      counts: target('record_counts', []),
      people: target('read_records', ['people', 0, 100]),
    },
  };
}

describe('recovery with a fault injected at each step', () => {
  for (const step of STEP_NAMES) {
    for (const kind of ['reject', 'trap'] as const) {
      it(`${step}: ${kind}, then resumed to the same end`, async () => {
        const r = await recoverWith({ step, kind, ...CALL_OF[step] });
        expect(r.outcome).toBe('done');
        expect(r.progress.status).toBe('done');
        for (const s of r.progress.steps) {
          expect(s.status).toBe('done');
          if (s.name === step) expect(s.attempts).toBeGreaterThanOrEqual(2);
          else expect(s.attempts, `${s.name} ran once`).toBe(1);
        }
        expect(r.seen.created).toBe(1);
        expect(r.after).toEqual({ counts: r.before, people: r.people });
        const calendars = r.members
          .filter((m) => m.kind === 'calendar')
          .map((m) => m.canister.toText());
        expect(calendars).toEqual([NEW]);
        expect(r.seen.calendars.map((p) => p.toText())).toEqual([NEW]);
        expect(r.seen.lb).toEqual([`${SOURCE} → ${NEW}`]);
        expect(r.seen.lbShard.canister).toBe(NEW);
      });
    }
  }
});
