import { readFile } from 'node:fs/promises';

import { buildCanisters } from '../../cli/build/build-canisters.ts';

export interface BuiltModule {
  wasm: Uint8Array;
  bindingsPath: string;
}

/** Test support: builds calendar and user_registry like `icp-calendar build`. */
export async function buildCalendarCanisters(): Promise<
  Record<'calendar' | 'user_registry', BuiltModule>
> {
  return buildModules(['calendar', 'user_registry']);
}

/**
 * Builds canister types like `icp-calendar build`, into the project's own build folders, so
 * every test file and `npm start` share one cached build of each type (the build lock makes
 * test files running at once wait for each other); throws with every failure.
 */
export async function buildModules<N extends string>(names: N[]): Promise<Record<N, BuiltModule>> {
  const result = await buildCanisters({ names, log: () => {} });
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
