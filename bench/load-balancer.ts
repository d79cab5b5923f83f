/**
 * The load balancer as a directory: cycles and instructions of one user write through the
 * directory path (route cached, then a direct call to the shard) against a direct call, against a
 * proxying design (modelled from measured parts), and `route` instructions with 1 k vs 1 M
 * placements stored. Figures only; nothing here can fail.
 * Run: npm run bench -- load-balancer
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import { callFee, executionFee, ingressFee } from '../localnet/engine/cycles-policy.ts';
import type { Engine } from '../localnet/index.ts';
import { LocalNetwork } from '../localnet/index.ts';
import { idlFactory as calendarIdl } from '../web-components/client/generated/calendar-bindings.ts';
import { idlFactory as lbIdl } from '../web-components/client/generated/load-balancer-bindings.ts';
import { startShardedSystem } from '../test/load_balancer/sharded-system.ts';

const WRITES = 15;
const FILL_PER_CALL = 50_000;
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

type Reply = { Ok: unknown } | { Err: { code: string; message: string } };
const methodsOf = (factory: IDL.InterfaceFactory) =>
  new Map((factory({ IDL }) as IDL.ServiceClass)._fields);
const calendarMethods = methodsOf(calendarIdl);
const lbMethods = methodsOf(lbIdl);

async function call(
  engine: Engine,
  methods: Map<string, IDL.FuncClass>,
  canisterId: Principal,
  sender: Principal,
  method: string,
  args: unknown[],
  mode: 'update' | 'query' = 'update',
) {
  const func = methods.get(method)!;
  const arg = new Uint8Array(IDL.encode(func.argTypes, args));
  const request = { sender, canisterId, method, arg };
  const before = engine.getCanister(canisterId)!.cycles;
  const outcome = mode === 'update' ? await engine.update(request) : await engine.query(request);
  if (outcome.kind !== 'replied') throw new Error(`${method}: ${outcome.rejectMessage}`);
  const [value] = IDL.decode(func.retTypes, outcome.reply) as [Reply];
  if (typeof value === 'object' && value !== null && 'Err' in value) {
    throw new Error(`${method}: ${value.Err.code} ${value.Err.message}`);
  }
  const canister = engine.getCanister(canisterId)!;
  return {
    value: value as { Ok: Record<string, unknown> },
    instructions: canister.lastInstructions,
    // Execution cycles as the IC charges them, plus the ingress reception fee for the message.
    cycles:
      mode === 'update'
        ? executionFee(canister.lastInstructions) + ingressFee(arg.length + 100)
        : 0n,
    balanceDelta: before - canister.cycles,
  };
}

const median = (values: bigint[]) =>
  [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[Math.floor(values.length / 2)]!;
const ratio = (a: bigint, b: bigint) => (Number(a) / Number(b)).toFixed(3);

async function writePath(): Promise<void> {
  const system = await startShardedSystem(1);
  const { engine } = system.network;
  await system.network.advanceTime(0);
  const shard = system.ids.shards[0]!;
  const lb = system.ids.loadBalancer;
  const user = Principal.fromUint8Array(Uint8Array.of(0x52, 1, 2, 3));
  const event = (i: number) => ({
    title: `Write ${i}`,
    description: [],
    location: [],
    color: [],
    time_zone: 'UTC',
    all_day: false,
    start: '2025-06-02T09:00:00',
    end: '2025-06-02T10:00:00',
    rrule: [],
    exdates: [],
    rdates: [],
    reminders: [],
    transparent: false,
    overrides: [],
  });
  const assigned = await call(engine, lbMethods, lb, user, 'assign_me', []);
  const routed = await call(engine, lbMethods, lb, user, 'route', [user], 'query');
  const calendar = await call(engine, calendarMethods, shard, user, 'create_calendar', [
    { name: 'Bench', description: [], color: [], time_zone: 'UTC', visibility: { private: null } },
  ]);
  const calendarId = calendar.value.Ok.id as string;
  const direct: { instructions: bigint; cycles: bigint }[] = [];
  const viaDirectory: { instructions: bigint; cycles: bigint }[] = [];
  for (let i = 0; i < WRITES; i++) {
    direct.push(
      await call(engine, calendarMethods, shard, user, 'create_event', [calendarId, event(i)]),
    );
    // Directory path with the route cached by the client: the write goes to the shard directly.
    viaDirectory.push(
      await call(engine, calendarMethods, shard, user, 'create_event', [calendarId, event(i)]),
    );
  }
  const d = {
    instructions: median(direct.map((x) => x.instructions)),
    cycles: median(direct.map((x) => x.cycles)),
  };
  const v = {
    instructions: median(viaDirectory.map((x) => x.instructions)),
    cycles: median(viaDirectory.map((x) => x.cycles)),
  };
  // A proxy would take the ingress itself, look the user up (what assign_me for a pinned user does),
  // call the shard (call fee on the payload), run the shard's write, and run a reply callback.
  const pinned = await call(engine, lbMethods, lb, user, 'assign_me', []);
  const payload = BigInt(
    new Uint8Array(
      IDL.encode(calendarMethods.get('create_event')!.argTypes, [calendarId, event(0)]),
    ).length,
  );
  const proxy = {
    instructions: d.instructions + pinned.instructions * 2n,
    cycles: d.cycles + executionFee(pinned.instructions) * 2n + callFee(12n, payload),
  };
  console.log(
    `one user write (create_event), median of ${WRITES}, cycles = execution + ingress fee:`,
  );
  console.log(
    `  direct to the shard:                 ${d.instructions} instructions, ${d.cycles} cycles`,
  );
  console.log(
    `  directory path (route cached):       ${v.instructions} instructions, ${v.cycles} cycles; ratio ${ratio(v.cycles, d.cycles)} cycles, ${ratio(v.instructions, d.instructions)} instructions (target ≤ 1.02)`,
  );
  console.log(
    `  proxy design (modelled from parts):  ${proxy.instructions} instructions, ${proxy.cycles} cycles; ratio ${ratio(proxy.cycles, d.cycles)} cycles`,
  );
  console.log(
    `  once per user: assign_me ${assigned.instructions} instructions (${assigned.cycles} cycles), route query ${routed.instructions} instructions (free)`,
  );
  await system.close();
}

async function routeAtScale(): Promise<void> {
  const built = await buildWithAzle({
    name: 'lb_seeded',
    root: fixtures,
    sourceDirs: ['core', 'plugins', 'canisters/load_balancer', 'bench/fixtures/lb_seeded'].map(
      (d) => `${root}${d}`,
    ),
  });
  const network = await LocalNetwork.create();
  const admin = Principal.fromUint8Array(Uint8Array.of(0x53, 1));
  const { canisterId } = await network.setupCanister({
    idlFactory: () => IDL.Service({}),
    wasm: new Uint8Array(await readFile(built.wasmPath)),
    arg: new Uint8Array(IDL.encode([], [])),
    sender: admin,
    controllers: [admin],
  });
  await network.advanceTime(0);
  const { engine } = network;
  const seedIdl = methodsOf(({ IDL: I }) =>
    I.Service({ bench_fill_placements: I.Func([I.Nat32, I.Nat32], [I.Nat64], []) }),
  );
  await call(engine, lbMethods, canisterId, admin, 'add_shard', [
    Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai'),
    100,
  ]);
  const pinned = Principal.fromUint8Array(Uint8Array.of(0x53, 2));
  const stranger = Principal.fromUint8Array(Uint8Array.of(0x53, 3));
  await call(engine, lbMethods, canisterId, pinned, 'assign_me', []);
  let stored = 1;
  const measure = async () => {
    const hit: bigint[] = [];
    const miss: bigint[] = [];
    for (let i = 0; i < 9; i++) {
      hit.push(
        (await call(engine, lbMethods, canisterId, admin, 'route', [pinned], 'query')).instructions,
      );
      miss.push(
        (await call(engine, lbMethods, canisterId, admin, 'route', [stranger], 'query'))
          .instructions,
      );
    }
    return { hit: median(hit), miss: median(miss) };
  };
  const fill = async (target: number) => {
    while (stored < target) {
      const count = Math.min(FILL_PER_CALL, target - stored);
      await call(engine, seedIdl, canisterId, admin, 'bench_fill_placements', [stored, count]);
      stored += count;
    }
  };
  await fill(1_000);
  const small = await measure();
  const started = performance.now();
  await fill(1_000_000);
  const filled = Math.round((performance.now() - started) / 1000);
  const large = await measure();
  console.log(
    `route instructions (query, median of 9), placements stored (filled to 1 M in ${filled} s):`,
  );
  console.log(`  1 k placements:  pinned user ${small.hit}, new user ${small.miss}`);
  console.log(`  1 M placements:  pinned user ${large.hit}, new user ${large.miss}`);
  console.log(
    `  ratio 1 M / 1 k: pinned ${ratio(large.hit, small.hit)}, new ${ratio(large.miss, small.miss)} (target ≤ 1.2)`,
  );
  await network.tearDown();
}

await writePath();
await routeAtScale();
