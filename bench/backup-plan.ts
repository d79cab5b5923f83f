/**
 * How the backup plugin's `backup_plan` (a query, so at most 5 B instructions even when the backup
 * canister calls it) grows with the records of one store, on the backup_probe fixture (real Wasm,
 * localnet's metered engine); plus one chunk export at the start and at the end of the store.
 * The planner walks every entry in pages of `items(start, 500)`, and Azle's stable map skips
 * `start` entries for each page, so the walk costs O(n²): see canisters/backup/README.md.
 * Since backup_plan_page, the backup canister reads the plan in pages of ~1.5 B instructions.
 * Run: npm run bench -- backup-plan            (SIZES=8000,16000,24000,32000,40000 by default)
 */
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { LocalNetwork } from '../localnet/index.ts';
import { buildPluginFixture } from '../plugins/backup/fixtures/build-fixture.ts';

const backupProbeIdlFactory: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Err = I.Record({ code: I.Text, message: I.Text });
  const R = (t: IDL.Type) => I.Variant({ Ok: t, Err });
  const Chunk = I.Record({ store: I.Text, start: I.Nat64, count: I.Nat32, bytes: I.Nat32 });
  const Plan = I.Record({ chunks: I.Vec(Chunk) });
  return I.Service({
    seed_records: I.Func([I.Text, I.Nat32, I.Nat32], [R(I.Nat32)], []),
    backup_plan: I.Func([], [R(Plan)], ['query']),
    backup_plan_page: I.Func(
      [I.Opt(I.Record({ store: I.Text, position: I.Nat64 }))],
      [
        R(
          I.Record({
            chunks: I.Vec(Chunk),
            next: I.Opt(I.Record({ store: I.Text, position: I.Nat64 })),
          }),
        ),
      ],
      ['query'],
    ),
    backup_export_chunk: I.Func(
      [I.Record({ store: I.Text, start: I.Nat64, count: I.Nat32 })],
      [R(I.Record({ data: I.Vec(I.Nat8), sha256: I.Text }))],
      ['query'],
    ),
  });
};
const fixturesDir = fileURLToPath(new URL('../plugins/backup/fixtures', import.meta.url));
const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(41));
const wasm = await buildPluginFixture(fixturesDir, 'backup_probe');
const network = await LocalNetwork.create();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const setup = await network.setupCanister<any>({
  idlFactory: backupProbeIdlFactory,
  wasm,
  arg: new Uint8Array(IDL.encode([], [])),
  sender: controller.getPrincipal(),
});
const probe = setup.actor;
probe.setIdentity(controller);
const canister = network.engine.getCanister(setup.canisterId)!;
let seeded = 0;
for (const target of (process.env.SIZES ?? '8000,16000,24000,32000,40000').split(',').map(Number)) {
  while (seeded < target) {
    const n = Math.min(2500, target - seeded);
    await probe.seed_records('events', seeded, n);
    seeded += n;
  }
  // The plan in pages, as the backup canister reads it: pages, the largest page, the total.
  const paged = { pages: 0, max: 0n, total: 0n, chunks: 0 };
  let cursor: unknown[] = [];
  do {
    const page = await probe.backup_plan_page(cursor);
    if ('Err' in page) throw new Error(page.Err.code);
    paged.pages += 1;
    paged.chunks += page.Ok.chunks.length;
    paged.total += canister.lastInstructions;
    if (canister.lastInstructions > paged.max) paged.max = canister.lastInstructions;
    cursor = page.Ok.next;
  } while (cursor.length > 0);
  console.log(
    `${target} records: backup_plan_page ${paged.pages} pages, ${paged.chunks} chunks, largest page ${(Number(paged.max) / 1e9).toFixed(3)} B, all pages ${(Number(paged.total) / 1e9).toFixed(3)} B`,
  );
  let plan;
  try {
    plan = await probe.backup_plan();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    console.log(`${target} records: backup_plan rejected: ${text.split('\n')[0]!.slice(0, 200)}`);
    continue;
  }
  const planInstr = canister.lastInstructions;
  if ('Err' in plan) {
    console.log(`${target} records: backup_plan Err ${plan.Err.code} (${planInstr} instructions)`);
    continue;
  }
  const chunks = plan.Ok.chunks.filter((c: { store: string }) => c.store.endsWith('events'));
  const first = chunks[0];
  const last = chunks.at(-1);
  await probe.backup_export_chunk({ store: first.store, start: first.start, count: first.count });
  const firstInstr = canister.lastInstructions;
  await probe.backup_export_chunk({ store: last.store, start: last.start, count: last.count });
  const lastInstr = canister.lastInstructions;
  console.log(
    `${target} records: backup_plan ${(Number(planInstr) / 1e9).toFixed(3)} B; export first chunk (${first.count} at ${first.start}) ${(Number(firstInstr) / 1e9).toFixed(3)} B; last chunk (${last.count} at ${last.start}) ${(Number(lastInstr) / 1e9).toFixed(3)} B`,
  );
}
await network.tearDown();
