import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One canister the build manages in dfx.json. */
export interface ManagedCanister {
  name: string;
  /** Entry module relative to the dfx.json folder, e.g. `build/tasks/entry.ts`. */
  main: string;
}

type DfxJson = { canisters?: Record<string, Record<string, unknown>>; version?: number } & Record<string, unknown>;

/** The dfx.json entry of a built canister type: Azle custom build, Candid exposed as public metadata. */
export function dfxEntry({ name, main }: ManagedCanister): Record<string, unknown> {
  const did = `.azle/${name}/${name}.did`;
  return {
    type: 'custom',
    main,
    candid: did,
    wasm: `.azle/${name}/${name}.wasm`,
    build: `npx azle build ${name}`,
    metadata: [{ name: 'candid:service', path: did, visibility: 'public' }],
  };
}

/**
 * Writes the managed entries into `<root>/dfx.json`, keeping every other canister,
 * every other top-level key, and extra keys a user added to a managed entry.
 * With `pruneStale` (a build of every type), generated entries of types that no
 * longer exist are removed; hand-written entries never are. Returns true when the file changed.
 */
export async function syncDfxJson(
  root: string,
  canisters: readonly ManagedCanister[],
  options: { pruneStale?: boolean } = {},
): Promise<boolean> {
  const path = join(root, 'dfx.json');
  const before = existsSync(path) ? await readFile(path, 'utf8') : undefined;
  const dfx: DfxJson = before === undefined ? { canisters: {}, version: 1 } : (JSON.parse(before) as DfxJson);
  const entries = { ...(dfx.canisters ?? {}) };
  for (const canister of canisters) {
    entries[canister.name] = { ...(entries[canister.name] ?? {}), ...dfxEntry(canister) };
  }
  if (options.pruneStale === true) {
    const current = new Set(canisters.map((canister) => canister.name));
    for (const [name, entry] of Object.entries(entries)) {
      if (!current.has(name) && isGenerated(name, entry)) delete entries[name];
    }
  }
  const after = `${JSON.stringify({ ...dfx, canisters: entries, version: dfx.version ?? 1 }, null, 2)}\n`;
  if (after === before) return false;
  await writeFile(path, after);
  return true;
}

/** An entry the build wrote (its main is the generated entry), as opposed to one written by hand. */
function isGenerated(name: string, entry: Record<string, unknown>): boolean {
  return entry.type === 'custom' && entry.main === `build/${name}/entry.ts` && entry.build === `npx azle build ${name}`;
}
