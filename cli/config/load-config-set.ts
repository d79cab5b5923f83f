import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

import type { CanisterTypeConfig } from './canister-config.ts';
import { sortConfigErrors, type ConfigError } from './config-errors.ts';
import { FRAMEWORK_ROOT, PROJECT_ROOT } from './config-paths.ts';
import { loadCanisterConfig, pluginCatalog } from './load-canister-config.ts';
import { loadSystemConfig } from './load-system-config.ts';
import { privateImportErrors } from './private-imports.ts';
import type { SystemConfig } from './system-config.ts';

export interface ConfigSetOptions {
  /** The framework's root, holding the built-in plugins/ (default: this package). */
  repoRoot?: string;
  /** The project's root (default: repoRoot when given, else the project the CLI runs in). */
  projectRoot?: string;
  /** Folder with one sub-folder per canister type (default <projectRoot>/canisters). */
  canistersDir?: string;
  /** Extra plugin roots searched before <projectRoot>/plugins and the built-in ones. */
  pluginRoots?: string[];
  /** system.yaml to validate with the canisters (default <projectRoot>/config/system.yaml); false to skip it. */
  systemFile?: string | false;
  /** Canister types to load (default: every folder with a canister.yaml). */
  names?: string[];
}

export type ConfigSet =
  | { ok: true; canisters: CanisterTypeConfig[]; system?: SystemConfig; errors: [] }
  | { ok: false; errors: ConfigError[] };

/** Loads system.yaml and the selected canister types together and reports the errors of all of them. */
export async function loadConfigSet(options: ConfigSetOptions = {}): Promise<ConfigSet> {
  const repoRoot = options.repoRoot ?? FRAMEWORK_ROOT;
  const projectRoot = options.projectRoot ?? options.repoRoot ?? PROJECT_ROOT;
  const canistersDir = options.canistersDir ?? join(projectRoot, 'canisters');
  const errors: ConfigError[] = [];

  let system: SystemConfig | undefined;
  if (options.systemFile !== false) {
    const loaded = await loadSystemConfig(options.systemFile, {
      repoRoot: projectRoot,
      canistersDir,
    });
    if (loaded.ok) system = loaded.config;
    else errors.push(...loaded.errors);
  }

  const available = await canisterTypes(canistersDir);
  const names = options.names !== undefined && options.names.length > 0 ? options.names : available;
  errors.push(...nameErrors(names, available));
  const catalog = pluginCatalog({ repoRoot, projectRoot, pluginRoots: options.pluginRoots });
  const knownGroups = system?.groups.map((group) => group.name);
  const loads = await Promise.all(
    [...new Set(names)]
      .filter((name) => available.includes(name))
      .map((name) =>
        loadCanisterConfig(join(canistersDir, name, 'canister.yaml'), {
          repoRoot,
          projectRoot,
          catalog,
          knownGroups,
        }),
      ),
  );
  const canisters: CanisterTypeConfig[] = [];
  for (const load of loads) {
    if (load.ok) canisters.push(load.config);
    else errors.push(...load.errors);
  }
  if (projectRoot !== repoRoot) {
    errors.push(...(await projectImportErrors(canisters, repoRoot, projectRoot)));
  }
  if (errors.length > 0) return { ok: false, errors: sortConfigErrors(dedupe(errors)) };
  return { ok: true, canisters, system, errors: [] };
}

/** A project's canister folders and its own plugins may import only the package's exports. */
async function projectImportErrors(
  canisters: CanisterTypeConfig[],
  repoRoot: string,
  projectRoot: string,
): Promise<ConfigError[]> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    exports?: Record<string, string>;
  };
  const inProject = (dir: string) => !relative(projectRoot, dir).startsWith('..');
  const dirs = new Set<string>();
  for (const canister of canisters) {
    dirs.add(canister.dir);
    for (const use of canister.plugins) if (use.dir && inProject(use.dir)) dirs.add(use.dir);
  }
  return privateImportErrors([...dirs], repoRoot, Object.keys(manifest.exports ?? {}), projectRoot);
}

/** Sub-folders of `dir` that hold a canister.yaml, sorted. */
export async function canisterTypes(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const items = await readdir(dir, { withFileTypes: true });
  return items
    .filter((item) => item.isDirectory() && existsSync(join(dir, item.name, 'canister.yaml')))
    .map((item) => item.name)
    .sort();
}

function nameErrors(names: string[], available: string[]): ConfigError[] {
  const at = (index: number) => ({ file: 'command line', line: 1, col: index + 1, path: '' });
  return names.flatMap((name, index): ConfigError[] => {
    if (names.indexOf(name) !== index) {
      return [
        {
          code: 'CONFIG_DUPLICATE_NAME',
          ...at(index),
          message: `each canister type must be named once; got "${name}" again`,
        },
      ];
    }
    if (!available.includes(name)) {
      const known = available.length > 0 ? available.join(', ') : 'none yet';
      return [
        {
          code: 'CONFIG_UNKNOWN_CANISTER',
          ...at(index),
          message: `expected a canister type with canisters/${name}/canister.yaml (${known}); got "${name}"`,
        },
      ];
    }
    return [];
  });
}

/** Plugin folder errors repeat for every canister that uses the plugin. */
function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = JSON.stringify(error);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
