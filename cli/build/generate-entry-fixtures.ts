import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { CanisterTypeConfig } from '../config/canister-config.ts';
import { loadCanisterConfig } from '../config/load-canister-config.ts';
import { type GeneratedFile, generateEntry } from './generate-entry.ts';

/** Test support: the core fixture canisters (core/fixtures/canisters/<name>/canister.yaml). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesRoot = join(repoRoot, 'core', 'fixtures');

export async function loadFixtureConfig(name: string): Promise<CanisterTypeConfig> {
  const result = await loadCanisterConfig(join(fixturesRoot, 'canisters', name, 'canister.yaml'), {
    repoRoot,
    pluginRoots: [join(fixturesRoot, 'plugins')],
  });
  if (!result.ok) throw new Error(result.errors.map((e) => JSON.stringify(e)).join('\n'));
  return result.config;
}

/** Where generated fixture entries go: inside core/fixtures (so Azle finds node_modules), git-ignored. */
export function generatedDir(name: string): string {
  return join(fixturesRoot, '.azle', 'generated', name);
}

/** Loads a fixture's YAML, generates its entry and writes the files; returns them. */
export async function writeGeneratedFixture(
  name: string,
  edit: (config: CanisterTypeConfig) => CanisterTypeConfig = (config) => config,
  outName = name,
): Promise<GeneratedFile[]> {
  const outDir = generatedDir(outName);
  const files = generateEntry(edit(await loadFixtureConfig(name)), { outDir, repoRoot });
  for (const file of files) {
    await mkdir(dirname(join(outDir, file.path)), { recursive: true });
    await writeFile(join(outDir, file.path), file.contents);
  }
  return files;
}
