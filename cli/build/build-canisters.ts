import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

import type { CanisterTypeConfig } from '../config/canister-config.ts';
import type { ConfigError } from '../config/config-errors.ts';
import { FRAMEWORK_ROOT, PROJECT_ROOT } from '../config/config-paths.ts';
import { loadConfigSet, type ConfigSetOptions } from '../config/load-config-set.ts';
import { buildWithAzle, SourceReader, type AzleArtifacts, type AzleBuildRequest } from './azle-build.ts';
import { withBuildLock } from './build-lock.ts';
import { writeBindings } from './bindings/write-bindings.ts';
import { timedStep, type ProgressLog } from './build-progress.ts';
import { managedCanisters, syncDfxJson } from './dfx-json.ts';
import { syncIcpYaml } from './icp-yaml.ts';
import { embedCandid, type EmbedResult } from './embed-candid.ts';
import { generateEntry, type GeneratedFile, type GenerateEntryOptions } from './generate-entry.ts';
import { defaultConcurrency, runLimited } from './run-limited.ts';

/** The steps of a build that tests replace (a fake generator, no Azle). */
export interface BuildSteps {
  generate(config: CanisterTypeConfig, options: GenerateEntryOptions): GeneratedFile[] | Promise<GeneratedFile[]>;
  compile(request: AzleBuildRequest): Promise<AzleArtifacts>;
  embed(wasmPath: string, candidPath: string): Promise<EmbedResult>;
  bindings(candidPath: string, outDir: string): Promise<string>;
}

export const REAL_STEPS: BuildSteps = {
  generate: generateEntry,
  compile: buildWithAzle,
  embed: embedCandid,
  bindings: writeBindings,
};

export interface BuildOptions extends Omit<ConfigSetOptions, 'repoRoot'> {
  /** Folder holding core/ and plugins/ (default: this repository). */
  repoRoot?: string;
  /** Folder holding dfx.json, build/<name>/ and .azle/<name>/ (default: the project's root). */
  outRoot?: string;
  /** Canisters built at once (default: one per core, at most 4). */
  concurrency?: number;
  log?: ProgressLog;
  steps?: Partial<BuildSteps>;
}

export interface BuiltCanister {
  name: string;
  outDir: string;
  entryPath: string;
  wasmPath: string;
  candidPath: string;
  bindingsPath: string;
  cached: boolean;
  candidEmbedded: boolean;
}

export type BuildResult =
  | { ok: true; built: BuiltCanister[] }
  | { ok: false; configErrors: ConfigError[]; failures: { name: string; error: Error }[] };

/**
 * Validates every selected canister type (stopping before Azle when anything is wrong),
 * generates entries, keeps dfx.json in step, then compiles, embeds Candid metadata
 * and writes client bindings, several canisters at a time.
 */
export function buildCanisters(options: BuildOptions = {}): Promise<BuildResult> {
  const repoRoot = options.repoRoot ?? FRAMEWORK_ROOT;
  const projectRoot = options.projectRoot ?? (options.repoRoot !== undefined ? repoRoot : PROJECT_ROOT);
  const outRoot = options.outRoot ?? projectRoot;
  return withBuildLock(outRoot, () => buildLocked(options, { repoRoot, projectRoot, outRoot }));
}

async function buildLocked(
  options: BuildOptions,
  { repoRoot, projectRoot, outRoot }: { repoRoot: string; projectRoot: string; outRoot: string },
): Promise<BuildResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const steps = { ...REAL_STEPS, ...options.steps };

  const loaded = await timedStep(log, 'config', 'validate', () => loadConfigSet({ ...options, repoRoot, projectRoot }), (set) =>
    set.ok ? `${set.canisters.length} canister type(s)` : `${set.errors.length} error(s)`,
  );
  if (!loaded.ok) return { ok: false, configErrors: loaded.errors, failures: [] };

  const generated: { config: CanisterTypeConfig; outDir: string; files: string[] }[] = [];
  for (const config of loaded.canisters) {
    const outDir = join(outRoot, 'build', config.name);
    const files = await timedStep(log, config.name, 'generate', async () => {
      const written = await steps.generate(config, { outDir, repoRoot, projectRoot });
      return writeGenerated(outDir, written);
    }, (paths) => `${paths.length} file(s)`);
    generated.push({ config, outDir, files });
  }
  const managed = managedCanisters(loaded.system, generated.map(({ config }) => config));
  await timedStep(log, 'dfx.json', 'sync', () => syncDfxJson(outRoot, managed, { pruneStale: (options.names ?? []).length === 0 }), (changed) => (changed ? 'updated' : 'unchanged'));
  if ((options.names ?? []).length === 0 && options.systemFile !== false) await syncIcpYaml(outRoot, managed);

  const concurrency = options.concurrency ?? defaultConcurrency();
  const sources = new SourceReader();
  const results = await runLimited(generated, concurrency, (job) => compileOne(job, { repoRoot, outRoot, sources }, steps, log));
  const failures = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ name: generated[index]!.config.name, error: asError(result.reason) }] : [],
  );
  if (failures.length > 0) return { ok: false, configErrors: [], failures };
  return { ok: true, built: results.map((result) => (result as PromiseFulfilledResult<BuiltCanister>).value) };
}

async function compileOne(
  job: { config: CanisterTypeConfig; outDir: string; files: string[] },
  { repoRoot, outRoot, sources }: { repoRoot: string; outRoot: string; sources: SourceReader },
  steps: BuildSteps,
  log: ProgressLog,
): Promise<BuiltCanister> {
  const { config, outDir, files } = job;
  const sourceDirs = [...files, config.dir, join(repoRoot, 'core'), ...config.plugins.flatMap((use) => (use.dir ? [use.dir] : []))];
  const artifacts = await timedStep(log, config.name, 'azle', () => steps.compile({ name: config.name, root: outRoot, sourceDirs, sources }), (built) =>
    built.cached ? 'cached' : posix(relative(outRoot, built.wasmPath)),
  );
  const embedded = await timedStep(log, config.name, 'metadata', () => steps.embed(artifacts.wasmPath, artifacts.candidPath), (result) =>
    result.embedded ? `candid:service (public)${result.cached ? ', cached' : ''}` : `WARNING ${result.warning}`,
  );
  const bindingsPath = await timedStep(log, config.name, 'bindings', () => steps.bindings(artifacts.candidPath, join(outDir, 'bindings')), (path) =>
    posix(relative(outRoot, path)),
  );
  return {
    name: config.name,
    outDir,
    entryPath: files[0]!,
    wasmPath: artifacts.wasmPath,
    candidPath: artifacts.candidPath,
    bindingsPath,
    cached: artifacts.cached,
    candidEmbedded: embedded.embedded,
  };
}

/** Writes generated files under outDir, refusing paths that would escape it. */
async function writeGenerated(outDir: string, files: GeneratedFile[]): Promise<string[]> {
  if (files.length === 0) throw new Error(`the entry generator returned no files for ${outDir}`);
  const written: string[] = [];
  for (const file of files) {
    const path = join(outDir, file.path);
    if (relative(outDir, path).startsWith('..')) throw new Error(`generated file ${file.path} would be written outside ${outDir}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.contents);
    written.push(path);
  }
  return written;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
