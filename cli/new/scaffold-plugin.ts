import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import { pluginFiles } from './plugin-template.ts';

export interface PluginScaffoldRequest {
  name: string;
  /** Folder to write (must be new or empty). */
  dir: string;
  frameworkRoot: string;
  projectRoot: string;
  /** npm package name: writes a package.json so the folder can be packed and published. */
  packageName?: string;
  frameworkVersion: string;
}

export type PluginScaffoldResult =
  | { ok: true; files: string[] }
  | { ok: false; code: 'NEW_PLUGIN_INVALID' | 'NEW_PLUGIN_EXISTS'; message: string };

const PLUGIN_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** Writes a plugin folder; nothing is written on a refusal. */
export async function scaffoldPlugin(
  request: PluginScaffoldRequest,
): Promise<PluginScaffoldResult> {
  const { name, dir, packageName } = request;
  if (!PLUGIN_NAME.test(name)) {
    return {
      ok: false,
      code: 'NEW_PLUGIN_INVALID',
      message: `expected a snake_case plugin name (a-z, 0-9, _; starting with a letter); found "${name}"`,
    };
  }
  if (packageName !== undefined && !PACKAGE_NAME.test(packageName)) {
    return {
      ok: false,
      code: 'NEW_PLUGIN_INVALID',
      message: `expected an npm package name such as @acme/icp-plugin-${name}; found "${packageName}"`,
    };
  }
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    return {
      ok: false,
      code: 'NEW_PLUGIN_EXISTS',
      message: `expected a new or empty folder; ${dir} holds files (nothing written)`,
    };
  }
  // Inside this repository a plugin imports core by path; anywhere else through the package.
  const inFramework = request.projectRoot === request.frameworkRoot && packageName === undefined;
  const coreImport = inFramework
    ? relative(dir, join(request.frameworkRoot, 'core', 'index.ts'))
        .split(sep)
        .join('/')
    : 'icp-calendar/core';
  const files = pluginFiles({
    name,
    coreImport,
    packageName,
    frameworkRange: `^${request.frameworkVersion}`,
  });
  await mkdir(dir, { recursive: true });
  for (const [file, contents] of Object.entries(files)) {
    await writeFile(join(dir, file), contents, { flag: 'wx' });
  }
  return { ok: true, files: Object.keys(files).map((file) => join(dir, file)) };
}
