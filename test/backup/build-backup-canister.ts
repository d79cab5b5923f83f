import { readFile } from 'node:fs/promises';

import { buildCanisters } from '../../cli/build/build-canisters.ts';
import { OUT_ROOT } from '../calendar/build-calendar-canisters.ts';

/** Test support: builds canister types like `icp-calendar build`, into the calendar tests' cached output. */

export interface BuiltModule {
  wasm: Uint8Array;
  bindingsPath: string;
}

export async function buildSystemCanisters<N extends string>(
  names: N[],
): Promise<Record<N, BuiltModule>> {
  const result = await buildCanisters({ names, outRoot: OUT_ROOT, log: () => {} });
  if (!result.ok) {
    throw new Error(
      JSON.stringify({
        config: result.configErrors,
        failures: result.failures.map((f) => `${f.name}: ${f.error.message}`),
      }),
    );
  }
  const entries = await Promise.all(
    result.built.map(
      async (b) =>
        [
          b.name,
          { wasm: new Uint8Array(await readFile(b.wasmPath)), bindingsPath: b.bindingsPath },
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<N, BuiltModule>;
}
