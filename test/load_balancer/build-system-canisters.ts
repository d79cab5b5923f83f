import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { buildCanisters } from '../../cli/build/build-canisters.ts';

/** Test support: builds the canisters a sharded system needs, like `icp-calendar build`. */
export const OUT_ROOT = fileURLToPath(new URL('./.azle/out', import.meta.url));

export const SYSTEM_TYPES = ['registry', 'load_balancer', 'calendar', 'user_registry'] as const;
export type SystemType = (typeof SYSTEM_TYPES)[number];

export interface BuiltModule {
  wasm: Uint8Array;
  bindingsPath: string;
}

export async function buildSystemCanisters(
  names: readonly SystemType[] = SYSTEM_TYPES,
): Promise<Record<SystemType, BuiltModule>> {
  const result = await buildCanisters({ names: [...names], outRoot: OUT_ROOT, log: () => {} });
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
  return Object.fromEntries(entries) as Record<SystemType, BuiltModule>;
}
