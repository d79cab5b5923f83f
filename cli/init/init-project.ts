import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { FRAMEWORK_ROOT } from '../config/config-paths.ts';
import { projectFiles, type ProjectInput } from './project-files.ts';

export interface InitRequest {
  dir: string;
  /** package.json's dependency on the framework (default `^<this version>`). */
  frameworkSpec?: string;
}

export type InitResult =
  | { ok: true; dir: string; files: string[] }
  | { ok: false; code: 'INIT_DIR_NOT_EMPTY' | 'INIT_NAME_INVALID'; message: string };

const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,213}$/;

/** Writes a new project into `dir` (which must be missing or empty); nothing is written on a refusal. */
export async function initProject(request: InitRequest): Promise<InitResult> {
  const dir = resolve(request.dir);
  const name = basename(dir).toLowerCase();
  if (!PACKAGE_NAME.test(name)) {
    return {
      ok: false,
      code: 'INIT_NAME_INVALID',
      message: `expected a folder name that is a valid npm package name (lower case letters, digits, . _ -); got "${basename(dir)}"`,
    };
  }
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    return {
      ok: false,
      code: 'INIT_DIR_NOT_EMPTY',
      message: `expected a new or empty folder; ${dir} holds files (nothing written)`,
    };
  }
  const framework = JSON.parse(await readFile(join(FRAMEWORK_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const all = { ...framework.devDependencies, ...framework.dependencies };
  const input: ProjectInput = {
    name,
    frameworkSpec: request.frameworkSpec ?? `^${framework.version}`,
    versions: {
      vitest: all.vitest!,
      agent: all['@dfinity/agent']!,
      candid: all['@dfinity/candid']!,
      principal: all['@dfinity/principal']!,
      typescript: all.typescript!,
      'types-node': all['@types/node']!,
    },
  };
  const files = projectFiles(input);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents, { flag: 'wx' });
  }
  return { ok: true, dir, files: Object.keys(files) };
}
