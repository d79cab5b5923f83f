import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildWithAzle } from '../../cli/build/azle-build.ts';
import { generateEntry } from '../../cli/build/generate-entry.ts';
import { loadCanisterConfig } from '../../cli/config/load-canister-config.ts';

/** Test support: builds a canister.yaml of this repository into Wasm under test/registry/.azle. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const buildRoot = fileURLToPath(new URL('.', import.meta.url));

export interface FixtureBuild {
  /** The canister's key in test/registry/dfx.json. */
  name: string;
  /** canister.yaml, relative to the repository root. */
  yaml: string;
  /** Folders besides core/ whose sources feed the build (cache key). */
  sources: string[];
}

/** Generates the entry from the YAML, then runs `azle build` unless the sources are unchanged. */
export async function buildFixture(fixture: FixtureBuild): Promise<string> {
  const loaded = await loadCanisterConfig(join(repoRoot, fixture.yaml), { repoRoot });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => JSON.stringify(e)).join('\n'));
  const outDir = join(buildRoot, '.azle', 'generated', fixture.name);
  const config = { ...loaded.config, name: fixture.name };
  for (const file of generateEntry(config, { outDir, repoRoot })) {
    await mkdir(dirname(join(outDir, file.path)), { recursive: true });
    await writeFile(join(outDir, file.path), file.contents);
  }
  const built = await buildWithAzle({
    name: fixture.name,
    root: buildRoot,
    sourceDirs: [join(repoRoot, 'core'), ...fixture.sources.map((s) => join(repoRoot, s)), outDir],
  });
  return built.wasmPath;
}
