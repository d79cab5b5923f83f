/**
 * localnet engine figures: cold and warm start, update/query latency on a canister holding
 * ~50 MB of stable data, instructions of a trivial update vs a 1,000-entry insert.
 * Run: npx tsx bench/localnet-engine.ts   (prints figures; never fails on timing)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import { LocalNetwork } from '../localnet/index.ts';
import { forgetCompiledModules } from '../localnet/wasm/prepare-module.ts';
import { probeIdlFactory, type ProbeService } from '../test/fixtures/canisters/probe/probe-idl.ts';

const fixtures = fileURLToPath(new URL('../test/fixtures', import.meta.url));
const STABLE_TARGET_BYTES = 50 * 1024 * 1024;
const BLOB_BYTES = 1024 * 1024;
const SAMPLES = 200;

const built = await buildWithAzle({
  name: 'probe',
  root: fixtures,
  sourceDirs: [`${fixtures}/canisters/probe`],
});
const wasm = new Uint8Array(await readFile(built.wasmPath));
const arg = new Uint8Array(IDL.encode([IDL.Text], ['bench']));
const cacheDir = await mkdtemp(join(tmpdir(), 'localnet-bench-'));

async function timedSetup(network: LocalNetwork) {
  const started = performance.now();
  const fixture = await network.setupCanister<ProbeService>({
    idlFactory: probeIdlFactory,
    wasm,
    arg,
  });
  return { ...fixture, ms: performance.now() - started };
}

forgetCompiledModules();
const network = await LocalNetwork.create({ cacheDir });
const cold = await timedSetup(network);
const sameProcess = await timedSetup(network);
forgetCompiledModules();
const warm = await timedSetup(await LocalNetwork.create({ cacheDir }));

const { actor, canisterId } = cold;
const canister = network.engine.getCanister(canisterId)!;

await actor.noop();
const trivialInstructions = canister.lastInstructions;
const started = performance.now();
await actor.fill(1000, 16);
const fillInstructions = canister.lastInstructions;
const fillMs = performance.now() - started;

// ~50 MB of stable data in 1 MiB values (raw bytes, so filling is quick).
while (Number(await actor.blob_count()) * BLOB_BYTES < STABLE_TARGET_BYTES)
  await actor.fill_blobs(8, BLOB_BYTES);

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sender = Principal.anonymous();
const incrementArg = new Uint8Array(IDL.encode([IDL.Nat32], [1]));
const emptyArg = new Uint8Array(IDL.encode([], []));
const getArg = new Uint8Array(IDL.encode([IDL.Text], ['k1']));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Median over SAMPLES calls; `spaced` leaves one event-loop turn between calls, as HTTP or test code does. */
const sample = async (run: () => unknown, spaced = false) => {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (spaced) await nextTurn();
    const begun = performance.now();
    await run();
    times.push(performance.now() - begun);
  }
  return median(times);
};
const updateMs = await sample(() =>
  network.engine.update({ sender, canisterId, method: 'increment', arg: incrementArg }),
);
const queryMs = await sample(() =>
  network.engine.querySync({ sender, canisterId, method: 'counter', arg: emptyArg }),
);
const stableQueryMs = await sample(() =>
  network.engine.querySync({ sender, canisterId, method: 'get', arg: getArg }),
);
const spacedUpdateMs = await sample(
  () => network.engine.update({ sender, canisterId, method: 'increment', arg: incrementArg }),
  true,
);
const spacedQueryMs = await sample(
  () => network.engine.querySync({ sender, canisterId, method: 'counter', arg: emptyArg }),
  true,
);
const alternating = await sample(async () => {
  await network.engine.update({ sender, canisterId, method: 'increment', arg: incrementArg });
  network.engine.querySync({ sender, canisterId, method: 'counter', arg: emptyArg });
});
const actorQueryMs = await sample(() => actor.counter(), true);

/** Back-to-back `increment` on a fresh probe whose heap was grown to about `heapMiB`. */
async function updateOnHeapOf(heapMiB: number) {
  const fixture = await network.setupCanister<ProbeService>({
    idlFactory: probeIdlFactory,
    wasm,
    arg,
  });
  const runtime = network.engine.getCanister(fixture.canisterId)!.runtime!;
  while (runtime.heapBytes < heapMiB * 2 ** 20) {
    const missing = Math.ceil(heapMiB - runtime.heapBytes / 2 ** 20);
    await fixture.actor.hold_heap(Math.min(16, Math.max(1, missing)));
  }
  const call = { sender, canisterId: fixture.canisterId, method: 'increment', arg: incrementArg };
  const median = await sample(() => network.engine.update(call));
  await network.engine.update(call);
  return { ms: median, heapMiB: runtime.heapBytes / 2 ** 20 };
}
const small = await updateOnHeapOf(10);
const large = await updateOnHeapOf(136);

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ms = (value: number) => `${value.toFixed(2)} ms`;
console.log('localnet engine benchmark (probe fixture, Azle 0.33)');
console.log(`  cold start (rewrite + compile + instantiate + init):  ${ms(cold.ms)}`);
console.log(`  second canister, same module in this process:       ${ms(sameProcess.ms)}`);
console.log(`  warm start (rewritten module from the disk cache):   ${ms(warm.ms)}`);
const blobs = await actor.blob_count();
const heapMb = mb(canister.runtime!.heapBytes);
console.log(
  `  stable memory ${mb(canister.stableMemory.size)} MiB (${blobs} values of 1 MiB), heap ${heapMb} MiB`,
);
console.log(`  median update latency (increment, ${SAMPLES} in a row):   ${ms(updateMs)}`);
console.log(`  median query latency (counter, ${SAMPLES} in a row):      ${ms(queryMs)}`);
console.log(`  median query latency (StableBTreeMap get):          ${ms(stableQueryMs)}`);
console.log(`  median update + query pair (alternating):           ${ms(alternating)}`);
console.log(`  median update, one event-loop turn between calls:   ${ms(spacedUpdateMs)}`);
console.log(`  median query, one event-loop turn between calls:    ${ms(spacedQueryMs)}`);
console.log(
  `  median query through the Candid actor (spaced):     ${ms(actorQueryMs)} (the same query again: the query cache answers)`,
);
console.log(
  `  instructions, trivial update (noop):                 ${trivialInstructions.toLocaleString('en')}`,
);
const fill = `${fillInstructions.toLocaleString('en')} (${ms(fillMs)})`;
console.log(
  `  median update, ${SAMPLES} in a row, heap ${small.heapMiB.toFixed(0)} MiB:          ${ms(small.ms)}`,
);
console.log(
  `  median update, ${SAMPLES} in a row, heap ${large.heapMiB.toFixed(0)} MiB:         ${ms(large.ms)}`,
);
console.log(
  `  big-heap / small-heap update ratio (target <= 1.5):  ${(large.ms / small.ms).toFixed(2)}x`,
);
console.log(`  instructions, 1,000-entry insert (16-byte values):   ${fill}`);
await rm(cacheDir, { recursive: true, force: true });
