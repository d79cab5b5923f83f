import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { buildCanisters } from '../../cli/build/build-canisters.ts';

/** Test support: builds every canister type config/system.yaml deploys, into test/hardening/.azle/out. */
export const OUT_ROOT = fileURLToPath(new URL('./.azle/out', import.meta.url));

export interface BuiltType {
  name: string;
  wasm: Uint8Array;
  /** The generated bindings folder (idlFactory in `<name>.did.js`-like files). */
  bindingsPath: string;
}

export async function buildSystemTypes(): Promise<BuiltType[]> {
  const result = await buildCanisters({ outRoot: OUT_ROOT, log: () => {} });
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
