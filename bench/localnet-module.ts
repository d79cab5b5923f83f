/**
 * Prints what preparing an Azle module costs: rewrite (cold, and with the disk cache warm),
 * compile, sizes before and after, and the metered instructions of hello's set_message,
 * with the wall-time overhead of metering as a ratio. Figures only; nothing here can fail.
 * Run: npx tsx bench/localnet-module.ts
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { IDL } from '@dfinity/candid';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import { rewriteModule } from '../localnet/wasm/module-rewriter.ts';
import { forgetCompiledModules, prepareModule } from '../localnet/wasm/prepare-module.ts';
import { TestingHost } from '../localnet/wasm/testing-host.ts';

const fixtures = fileURLToPath(new URL('../test/fixtures', import.meta.url));
const templatePath = fileURLToPath(
  new URL('../node_modules/azle/dist/canister_templates/stable.wasm', import.meta.url),
);

function millis(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeIt<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function moduleFigures(label: string, bytes: Uint8Array): Promise<void> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'localnet-bench-'));
  try {
    forgetCompiledModules();
    const [cold, coldMs] = await timeIt(() => prepareModule(bytes, { cacheDir }));
    const [, memoMs] = await timeIt(() => prepareModule(bytes, { cacheDir }));
    forgetCompiledModules();
    const [, warmMs] = await timeIt(() => prepareModule(bytes, { cacheDir }));
    const rewriteRuns: number[] = [];
    const rewriteCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const cpu = process.cpuUsage();
      rewriteRuns.push((await timeIt(() => rewriteModule(bytes)))[1]);
      const used = process.cpuUsage(cpu);
      rewriteCpu.push((used.user + used.system) / 1000);
    }
    const compileRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      compileRuns.push(
        (await timeIt(() => WebAssembly.compile(cold.wasmBytes as Uint8Array<ArrayBuffer>)))[1],
      );
    }
    const gz = gzipSync(bytes);
    forgetCompiledModules();
    const [, gzipMs] = await timeIt(() => prepareModule(new Uint8Array(gz)));
    console.log(`\n${label}`);
    console.log(
      `  size before ${bytes.length} B, after ${cold.wasmBytes.length} B (+${((cold.wasmBytes.length / bytes.length - 1) * 100).toFixed(1)} %), gzipped input ${gz.length} B`,
    );
    console.log(`  prepare cold (rewrite + compile + cache write): ${coldMs.toFixed(1)} ms`);
    console.log(`  prepare warm (disk cache hit: read + compile):  ${warmMs.toFixed(1)} ms`);
    console.log(`  prepare again in the same process (memo):       ${memoMs.toFixed(1)} ms`);
    console.log(`  prepare from gzip, no cache:                    ${gzipMs.toFixed(1)} ms`);
    console.log(
      `  rewrite alone: median ${median(rewriteRuns).toFixed(1)} ms (runs ${rewriteRuns.map((r) => r.toFixed(0)).join(', ')}; CPU ${rewriteCpu.map((r) => r.toFixed(0)).join(', ')} ms)`,
    );
    console.log(`  compile alone: median ${median(compileRuns).toFixed(1)} ms`);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

function setMessageFigures(
  host: TestingHost,
  calls: number,
): { instructions: number[]; ms: number[] } {
  const instructions: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const argument = new Uint8Array(IDL.encode([IDL.Text], [`message ${i}`]));
    const start = performance.now();
    const result = host.call('canister_update set_message', argument);
    ms.push(performance.now() - start);
    if (result.rejectMessage) throw new Error(result.rejectMessage);
    instructions.push(Number(result.instructions));
  }
  return { instructions, ms };
}

async function main(): Promise<void> {
  console.log(
    `load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs (wall times scale with it)`,
  );
  let start = performance.now();
  const built = await buildWithAzle({
    name: 'hello',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/hello`],
  });
  console.log(`hello build: ${millis(start)}${built.cached ? ' (cached)' : ''}`);
  const hello = new Uint8Array(await readFile(built.wasmPath));

  await moduleFigures('hello.wasm (Azle 0.33, hello fixture)', hello);
  await moduleFigures('stable.wasm (Azle template)', new Uint8Array(await readFile(templatePath)));

  const metered = TestingHost.instantiate(await prepareModule(hello));
  start = performance.now();
  const init = metered.call('canister_init', new Uint8Array(IDL.encode([], [])));
  console.log(`\nhello canister_init: ${init.instructions} instructions, ${millis(start)}`);
  const plain = TestingHost.instantiate(
    await WebAssembly.compile(hello as Uint8Array<ArrayBuffer>),
  );
  plain.call('canister_init', new Uint8Array(IDL.encode([], [])));

  const calls = 200;
  setMessageFigures(metered, 20);
  setMessageFigures(plain, 20);
  const meteredRun = setMessageFigures(metered, calls);
  const plainRun = setMessageFigures(plain, calls);
  console.log(`hello set_message (testing host, ${calls} calls after 20 warm-up):`);
  console.log(
    `  metered instructions: median ${median(meteredRun.instructions)}, min ${Math.min(...meteredRun.instructions)}, max ${Math.max(...meteredRun.instructions)} (IC figure ~1.1–1.4 M)`,
  );
  console.log(
    `  wall time: metered median ${median(meteredRun.ms).toFixed(3)} ms, unmetered median ${median(plainRun.ms).toFixed(3)} ms, ratio ${(median(meteredRun.ms) / median(plainRun.ms)).toFixed(2)}`,
  );
}

await main();
