import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import { isMap, parseDocument } from 'yaml';

import { addCanisterToSystemYaml } from './add-to-system-yaml.ts';
import { canisterYaml, readme, serviceTs, type TemplateInput } from './canister-template.ts';

export interface ScaffoldRequest {
  /** The project's root (its canisters/ and config/system.yaml). */
  repoRoot: string;
  /** The framework's root; when it is not the project, the code imports `icp-calendar/core`. */
  frameworkRoot?: string;
  /** Where canister types live (default `<repoRoot>/canisters`). */
  canistersDir?: string;
  type: string;
  group?: string;
  /** config/system.yaml to add the type to; false leaves the system as it is. */
  systemFile?: string | false;
}

export type ScaffoldResult =
  | { ok: true; files: string[]; addedToSystem: boolean }
  | { ok: false; code: string; message: string };

const TYPE_NAME = /^[a-z][a-z0-9_]{0,39}$/;

function refuse(code: string, message: string): ScaffoldResult {
  return { ok: false, code, message };
}

/** Writes canisters/<type>/ (canister.yaml, service.ts, README.md) and lists the type in system.yaml. */
export async function scaffoldCanister(request: ScaffoldRequest): Promise<ScaffoldResult> {
  const { type, group } = request;
  if (!TYPE_NAME.test(type)) {
    return refuse(
      'NEW_TYPE_INVALID',
      `expected a snake_case type name (a-z, 0-9, _; starting with a letter; at most 40); found "${type}"`,
    );
  }
  const canistersDir = request.canistersDir ?? join(request.repoRoot, 'canisters');
  const folder = join(canistersDir, type);
  if (existsSync(folder)) {
    return refuse(
      'NEW_TYPE_EXISTS',
      `expected a new type; ${folder} already exists (nothing written)`,
    );
  }

  const systemFile = request.systemFile ?? join(request.repoRoot, 'config', 'system.yaml');
  let system: ReturnType<typeof parseDocument> | undefined;
  if (systemFile !== false) {
    system = parseDocument(await readFile(systemFile, 'utf8'));
    const groups = system.get('groups');
    const known = isMap(groups) ? groups.items.map((pair) => String(pair.key)) : [];
    if (group !== undefined && !known.includes(group)) {
      return refuse(
        'NEW_GROUP_UNKNOWN',
        `expected one of the groups in ${systemFile} (${known.join(', ')}); found "${group}"`,
      );
    }
  }

  const frameworkRoot = request.frameworkRoot ?? request.repoRoot;
  const coreImport =
    frameworkRoot === request.repoRoot
      ? relative(folder, join(frameworkRoot, 'core', 'index.ts'))
          .split(sep)
          .join('/')
      : 'icp-calendar/core';
  const input: TemplateInput = { type, group, coreImport };
  await mkdir(folder, { recursive: true });
  const files = [
    [join(folder, 'canister.yaml'), canisterYaml(input)],
    [join(folder, 'service.ts'), serviceTs(input)],
    [join(folder, 'README.md'), readme(input)],
  ] as const;
  for (const [path, text] of files) await writeFile(path, text, { flag: 'wx' });

  if (system !== undefined && systemFile !== false) {
    const source = await readFile(systemFile, 'utf8');
    await writeFile(systemFile, addCanisterToSystemYaml(source, type, group));
  }
  return { ok: true, files: files.map(([path]) => path), addedToSystem: system !== undefined };
}
