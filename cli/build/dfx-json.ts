import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { planDeployment } from '../deploy/deploy-plan.ts';
import type { CanisterTypeConfig } from '../config/canister-config.ts';
import type { SystemConfig } from '../config/system-config.ts';

/** One canister dfx manages: a canister type, or one shard of it (`calendar_0`, `calendar_1`, …). */
export interface ManagedCanister {
  /** dfx's canister name, the same as in canister_ids.json. */
  name: string;
  /** The canister type it runs (what `icp-calendar build <type>` builds). */
  type: string;
}

type DfxJson = { canisters?: Record<string, Record<string, unknown>>; version?: number } & Record<string, unknown>;

const BUILD_PREFIX = 'npx icp-calendar build ';

/**
 * The dfx.json entry of a canister: a custom canister whose build step is `icp-calendar build
 * <type>` (generates the entry, compiles with Azle and embeds the Candid, so a fresh clone
 * builds with dfx alone), gzipped by dfx (Azle modules pass the 2 MiB ingress limit), Candid
 * exposed as public metadata. Every shard of a type points at the same build output.
 */
export function dfxEntry({ type }: ManagedCanister): Record<string, unknown> {
  const did = `.azle/${type}/${type}.did`;
  return {
    type: 'custom',
    // Azle's own build reads the entry module from here.
    main: `build/${type}/entry.ts`,
    candid: did,
    wasm: `.azle/${type}/${type}.wasm`,
    build: `${BUILD_PREFIX}${type}`,
    gzip: true,
    metadata: [{ name: 'candid:service', path: did, visibility: 'public' }],
  };
}

/**
 * The canisters dfx.json lists for these types: every name system.yaml deploys in any of its
 * environments (so every shard has an entry), and the type's own name for a type that
 * system.yaml does not deploy.
 */
export function managedCanisters(
  system: SystemConfig | undefined,
  types: readonly CanisterTypeConfig[],
): ManagedCanister[] {
  const wanted = new Set(types.map((type) => type.name));
  if (!system) return types.map((type) => ({ name: type.name, type: type.name }));
  const environments = [undefined, ...system.environments.map((entry) => entry.name)];
  const byName = new Map<string, ManagedCanister>();
  for (const environment of environments) {
    for (const planned of planDeployment(system, [...types], environment ?? '')) {
      if (wanted.has(planned.type)) byName.set(planned.name, { name: planned.name, type: planned.type });
    }
  }
  for (const type of types) {
    if (![...byName.values()].some((canister) => canister.type === type.name)) {
      byName.set(type.name, { name: type.name, type: type.name });
    }
  }
  return [...byName.values()];
}

/**
 * Writes the managed entries into `<root>/dfx.json`, keeping every other canister,
 * every other top-level key, and extra keys a user added to a managed entry.
 * With `pruneStale` (a build of every type), generated entries that are no longer
 * managed (a removed type or shard) are removed; hand-written entries never are.
 * Returns true when the file changed.
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
      if (!current.has(name) && isGenerated(entry)) delete entries[name];
    }
  }
  const after = `${JSON.stringify({ ...dfx, canisters: entries, version: dfx.version ?? 1 }, null, 2)}\n`;
  if (after === before) return false;
  await writeFile(path, after);
  return true;
}

/** An entry the build wrote (this format or the earlier `npx azle build` one), not one written by hand. */
function isGenerated(entry: Record<string, unknown>): boolean {
  const build = entry.build;
  return (
    entry.type === 'custom' &&
    typeof build === 'string' &&
    (build.startsWith(BUILD_PREFIX) || build.startsWith('npx azle build '))
  );
}
