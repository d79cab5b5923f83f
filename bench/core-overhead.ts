/**
 * Instructions per call of a core-composed update (access check, two plugin guards, two
 * interceptors, Result wrapping) against the same logic as a bare Azle update in the same
 * canister. Instructions come from localnet's metering rewrite (localnet/wasm), run on its
 * testing host. Figures only; nothing here can fail.
 * Run: npx tsx bench/core-overhead.ts
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import { prepareModule } from '../localnet/wasm/prepare-module.ts';
import { TestingHost } from '../localnet/wasm/testing-host.ts';

const fixtures = fileURLToPath(new URL('../core/fixtures', import.meta.url));
const core = fileURLToPath(new URL('../core', import.meta.url));
const CALLS = 100;
const WARM_UP = 10;

function median(values: bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)]!;
}

function run(host: TestingHost, method: string, calls: number): bigint[] {
  const figures: bigint[] = [];
  for (let i = 0; i < calls; i++) {
    const argument = new Uint8Array(IDL.encode([IDL.Text], [`call ${i}`]));
    const result = host.call(`canister_update ${method}`, argument);
    if (result.rejectMessage !== undefined) throw new Error(`${method}: ${result.rejectMessage}`);
    figures.push(result.instructions);
  }
  return figures;
}

async function main(): Promise<void> {
  const built = await buildWithAzle({ name: 'bench', root: fixtures, sourceDirs: [core] });
  const host = TestingHost.instantiate(
    await prepareModule(new Uint8Array(await readFile(built.wasmPath))),
  );
  const init = host.call('canister_init', new Uint8Array(IDL.encode([], [])));
  if (init.rejectMessage !== undefined) throw new Error(`init: ${init.rejectMessage}`);
  console.log(`bench canister_init: ${init.instructions} instructions`);
  const figures = Object.fromEntries(
    ['add_bare', 'add_bare_result', 'add_composed_plain', 'add_composed'].map((method) => {
      run(host, method, WARM_UP);
      return [method, median(run(host, method, CALLS))] as const;
    }),
  ) as Record<string, bigint>;
  const ratio = (a: bigint, b: bigint) => (Number(a) / Number(b)).toFixed(3);
  console.log(`median instructions per update (${CALLS} calls each after ${WARM_UP} warm-up):`);
  console.log(`  bare Azle, returns nat32:                 ${figures.add_bare}`);
  console.log(`  bare Azle, returns a Result variant:      ${figures.add_bare_result}`);
  console.log(`  core pipeline, returns nat32:             ${figures.add_composed_plain}`);
  console.log(`  core pipeline, returns Result(nat32):     ${figures.add_composed}`);
  console.log(
    `  ratio core / bare, same return type:      ${ratio(figures.add_composed_plain!, figures.add_bare!)} (nat32), ${ratio(figures.add_composed!, figures.add_bare_result!)} (Result); target ≤ 1.15`,
  );
}

await main();
