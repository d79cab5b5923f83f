import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { buildCanisters } from '../../cli/build/build-canisters.ts';

/** Test support: builds the notification canister (and calendar, registry) into test/notification/.azle/out. */
export const OUT_ROOT = fileURLToPath(new URL('./.azle/out', import.meta.url));

type Name = 'notification' | 'calendar' | 'registry';

export async function buildNotificationCanisters(
  names: Name[] = ['notification', 'calendar', 'registry'],
): Promise<Record<Name, { wasm: Uint8Array; bindingsPath: string }>> {
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
  return Object.fromEntries(entries) as Record<Name, { wasm: Uint8Array; bindingsPath: string }>;
}
