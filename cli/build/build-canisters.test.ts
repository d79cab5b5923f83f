import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import type { CanisterTypeConfig } from '../config/canister-config.ts';
import type { AzleBuildRequest } from './azle-build.ts';
import { buildCanisters, type BuildSteps } from './build-canisters.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${repo}test/fixtures/`;
const selection = {
  canistersDir: `${fixtures}config`,
  pluginRoots: [`${fixtures}plugins`],
  systemFile: false as const,
};

/** Steps that record what the build asked for and never run Azle. */
function fakeSteps(options: { failing?: string; azleMilliseconds?: number } = {}) {
  const generated: CanisterTypeConfig[] = [];
  const compiled: AzleBuildRequest[] = [];
  let running = 0;
  let maxRunning = 0;
  const steps: BuildSteps = {
    generate(config) {
      generated.push(config);
      return [
        { path: 'entry.ts', contents: `// entry for ${config.name}\n` },
        { path: 'collections/store.ts', contents: '// store\n' },
      ];
    },
    async compile(request) {
      compiled.push(request);
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, options.azleMilliseconds ?? 20));
      running -= 1;
      if (request.name === options.failing) throw new Error('azle build failed (exit 1)');
      const dir = join(request.root, '.azle', request.name);
      return { name: request.name, wasmPath: join(dir, 'x.wasm'), candidPath: join(dir, 'x.did'), cached: false };
    },
    embed: async () => ({ embedded: true }),
    bindings: async (_candid, outDir) => join(outDir, 'index.ts'),
  };
  return { steps, generated, compiled, maxRunning: () => maxRunning };
}

// A step's duration as printed: `850 ms`, or `1.2 s` from one second on (a loaded machine).
const DURATION = String.raw`(\d+ ms|\d+\.\d s)`;

describe('buildCanisters', () => {
  it('generates, syncs dfx.json and runs every step per canister, with one timed line per step', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-'));
    await writeFile(join(root, 'dfx.json'), JSON.stringify({ canisters: { frontend: { type: 'assets' } }, version: 1 }));
    const fake = fakeSteps();
    const lines: string[] = [];
    const result = await buildCanisters({ ...selection, outRoot: root, names: ['tasks', 'notes'], steps: fake.steps, log: (line) => lines.push(line) });

    expect(result.ok).toBe(true);
    expect(fake.generated.map((config) => config.name).sort()).toEqual(['notes', 'tasks']);
    expect(await readFile(join(root, 'build/tasks/collections/store.ts'), 'utf8')).toBe('// store\n');
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(Object.keys(dfx.canisters).sort()).toEqual(['frontend', 'notes', 'tasks']);
    expect(dfx.canisters.tasks.main).toBe('build/tasks/entry.ts');

    const tasksRequest = fake.compiled.find((request) => request.name === 'tasks')!;
    expect(tasksRequest.root).toBe(root);
    expect(tasksRequest.sourceDirs).toEqual(
      expect.arrayContaining([join(root, 'build/tasks/entry.ts'), `${fixtures}config/tasks`, `${fixtures}plugins/backup`, `${repo}core`]),
    );
    expect(tasksRequest.sourceDirs).not.toContain(join(root, 'build/tasks'));
    for (const step of ['generate', 'azle', 'metadata', 'bindings']) {
      expect(lines.some((line) => new RegExp(`^tasks\\s+${step}\\s+${DURATION}`).test(line))).toBe(true);
    }
    expect(lines[0]).toMatch(new RegExp(`^config\\s+validate\\s+${DURATION}\\s+2 canister type\\(s\\)$`));
  });

  it('builds at most `concurrency` canisters at once', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-'));
    const fake = fakeSteps({ azleMilliseconds: 50 });
    await buildCanisters({ ...selection, outRoot: root, names: ['tasks', 'notes', 'journal'], concurrency: 2, steps: fake.steps, log: () => {} });
    expect(fake.compiled).toHaveLength(3);
    expect(fake.maxRunning()).toBe(2);
  });

  it('stops before generating or running Azle when any config is invalid, and returns every error', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-'));
    const fake = fakeSteps();
    const result = await buildCanisters({ ...selection, outRoot: root, names: ['tasks', 'wrong-option', 'missing-dependency'], steps: fake.steps, log: () => {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.configErrors.map((error) => error.code)).toEqual([
      'CONFIG_MISSING_DEPENDENCY',
      'CONFIG_INVALID_OPTION',
      'CONFIG_INVALID_OPTION',
      'CONFIG_INVALID_OPTION',
    ]);
    expect(fake.generated).toEqual([]);
    expect(fake.compiled).toEqual([]);
    expect(existsSync(join(root, 'dfx.json'))).toBe(false);
  });

  it('reports an Azle failure by canister and still finishes the others', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-'));
    const fake = fakeSteps({ failing: 'notes' });
    const result = await buildCanisters({ ...selection, outRoot: root, names: ['tasks', 'notes'], steps: fake.steps, log: () => {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failures.map((failure) => [failure.name, failure.error.message])).toEqual([['notes', 'azle build failed (exit 1)']]);
    expect(fake.compiled.map((request) => request.name).sort()).toEqual(['notes', 'tasks']);
  });

  it('refuses unknown and repeated canister names from the command line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'build-'));
    const result = await buildCanisters({ ...selection, outRoot: root, names: ['tasks', 'ghost', 'tasks'], steps: fakeSteps().steps, log: () => {} });
    expect(result.ok === false && result.configErrors.map((error) => [error.file, error.col, error.code])).toEqual([
      ['command line', 2, 'CONFIG_UNKNOWN_CANISTER'],
      ['command line', 3, 'CONFIG_DUPLICATE_NAME'],
    ]);
  });
});
