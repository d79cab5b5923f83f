import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FRAMEWORK_ROOT } from '../config/config-paths.ts';
import { formatConfigErrors } from '../config/config-errors.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { initProject } from './init-project.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'icp-calendar-init-unit-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('initProject', () => {
  it('writes a project whose configuration validates against the framework', async () => {
    const app = join(scratch, 'my-app');
    const result = await initProject({ dir: app, frameworkSpec: 'file:../icp-calendar.tgz' });
    expect(result).toMatchObject({ ok: true });
    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('my-app');
    expect(manifest.dependencies).toEqual({ 'icp-calendar': 'file:../icp-calendar.tgz' });
    expect(manifest.scripts).toMatchObject({
      start: 'icp-calendar start',
      test: 'icp-calendar build && vitest run',
    });
    const readme = await readFile(join(app, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    const service = await readFile(join(app, 'canisters', 'notes', 'service.ts'), 'utf8');
    expect(service).toContain("from 'icp-calendar/core'");

    const set = await loadConfigSet({ repoRoot: FRAMEWORK_ROOT, projectRoot: app });
    if (!set.ok) throw new Error(formatConfigErrors(set.errors));
    expect(set.canisters.map((canister) => canister.name)).toEqual(['notes']);
    expect(set.system?.groups.map((group) => group.name)).toEqual(['app']);
  });

  it('refuses a folder that holds files, and writes nothing', async () => {
    const busy = join(scratch, 'busy');
    await initProject({ dir: join(busy, 'inner') });
    await writeFile(join(busy, 'keep.txt'), 'mine');
    const before = (await readdir(busy)).sort();
    const result = await initProject({ dir: busy });
    expect(result).toEqual({
      ok: false,
      code: 'INIT_DIR_NOT_EMPTY',
      message: `expected a new or empty folder; ${busy} holds files (nothing written)`,
    });
    expect((await readdir(busy)).sort()).toEqual(before);
  });

  it('refuses a folder name npm would not accept as a package name', async () => {
    const result = await initProject({ dir: join(scratch, 'My App!') });
    expect(result).toMatchObject({ ok: false, code: 'INIT_NAME_INVALID' });
  });
});
