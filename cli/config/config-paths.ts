import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

/** Absolute path of the repository root (this file is cli/config/config-paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');

export const SCHEMA_DIR = join(REPO_ROOT, 'config', 'schema');
export const CANISTER_SCHEMA = join(SCHEMA_DIR, 'canister.schema.json');
export const SYSTEM_SCHEMA = join(SCHEMA_DIR, 'system.schema.json');
export const PLUGIN_MANIFEST_SCHEMA = join(SCHEMA_DIR, 'plugin-manifest.schema.json');

/** Path shown in messages: relative to `root` when inside it, otherwise absolute. */
export function shownPath(absolute: string, root: string = REPO_ROOT): string {
  const inside = relative(root, absolute);
  return inside.startsWith('..') || inside === '' ? absolute : inside.split(sep).join('/');
}
