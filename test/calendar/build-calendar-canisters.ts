import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { buildCanisters } from '../../cli/build/build-canisters.ts';

/** Test support: builds calendar and user_registry like `icp-calendar build`, into test/calendar/.azle/out. */
export const OUT_ROOT = fileURLToPath(new URL('./.azle/out', import.meta.url));

export interface BuiltModule {
  wasm: Uint8Array;
  bindingsPath: string;
}

export async function buildCalendarCanisters(): Promise<
  Record<'calendar' | 'user_registry', BuiltModule>
> {
  return buildModules(['calendar', 'user_registry'], OUT_ROOT);
}

/** Builds canister types like `icp-calendar build` into `outRoot`; throws with every failure. */
export async function buildModules<N extends string>(
  names: N[],
  outRoot: string,
): Promise<Record<N, BuiltModule>> {
  const result = await buildCanisters({ names, outRoot, log: () => {} });
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
