import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Absolute path of the framework: this package's root, holding core/, plugins/ and the
 * schemas (this file is cli/config/config-paths.ts). In this repository it is also the project.
 */
export const FRAMEWORK_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(
  /[\\/]$/,
  '',
);

/**
 * The project the CLI works on: config/system.yaml, canisters/, plugins/, build/, .azle/ and
 * dfx.json live there. `ICP_CALENDAR_PROJECT` names it; otherwise the nearest folder from the
 * working directory upwards that holds config/system.yaml; otherwise the framework itself.
 */
export const PROJECT_ROOT = findProjectRoot(process.env.ICP_CALENDAR_PROJECT, process.cwd());

export function findProjectRoot(named: string | undefined, from: string): string {
  if (named !== undefined && named !== '') return resolve(named);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'config', 'system.yaml'))) return dir;
    if (dirname(dir) === dir) return FRAMEWORK_ROOT;
  }
}

export const SCHEMA_DIR = join(FRAMEWORK_ROOT, 'config', 'schema');
export const CANISTER_SCHEMA = join(SCHEMA_DIR, 'canister.schema.json');
export const SYSTEM_SCHEMA = join(SCHEMA_DIR, 'system.schema.json');
export const PLUGIN_MANIFEST_SCHEMA = join(SCHEMA_DIR, 'plugin-manifest.schema.json');

/** Path shown in messages: relative to `root` when inside it, otherwise absolute. */
export function shownPath(absolute: string, root: string = PROJECT_ROOT): string {
  const inside = relative(root, absolute);
  return inside.startsWith('..') || inside === '' ? absolute : inside.split(sep).join('/');
}
