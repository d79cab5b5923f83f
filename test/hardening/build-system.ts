import { readFile } from 'node:fs/promises';

import { buildCanisters } from '../../cli/build/build-canisters.ts';

export interface BuiltType {
  name: string;
  wasm: Uint8Array;
  /** The generated bindings folder (idlFactory in `<name>.did.js`-like files). */
  bindingsPath: string;
}

/** Test support: builds every canister type like `icp-calendar build` (shared, cached outputs). */
export async function buildSystemTypes(): Promise<BuiltType[]> {
  const result = await buildCanisters({ log: () => {} });
  if (!result.ok) {
    throw new Error(
      JSON.stringify({
        config: result.configErrors,
        failures: result.failures.map((f) => `${f.name}: ${f.error.message}`),
      }),
    );
  }
  return Promise.all(
    result.built.map(async (b) => ({
      name: b.name,
      wasm: new Uint8Array(await readFile(b.wasmPath)),
      bindingsPath: b.bindingsPath,
    })),
  );
}
