import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FRAMEWORK_ROOT } from './config-paths.ts';
import { formatConfigErrors } from './config-errors.ts';
import { loadConfigSet } from './load-config-set.ts';

let project: string;
const canisterDir = () => join(project, 'canisters', 'notes');

async function writeService(source: string) {
  await writeFile(join(canisterDir(), 'service.ts'), source);
}

const load = () =>
  loadConfigSet({ repoRoot: FRAMEWORK_ROOT, projectRoot: project, systemFile: false });

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'private-imports-'));
  await mkdir(canisterDir(), { recursive: true });
  await writeFile(
    join(canisterDir(), 'canister.yaml'),
    'service: ./service.ts\nplugins:\n  auth: {}\n',
  );
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe('a project reaches the framework only through its exports', () => {
  it('accepts the public entry points', async () => {
    await writeService(
      "import { update } from 'icp-calendar/core';\nimport auth from 'icp-calendar/plugins/auth';\n" +
        "import { helper } from './helper.ts';\n",
    );
    const set = await load();
    expect(set.ok ? [] : formatConfigErrors(set.errors)).toEqual([]);
  });

  it('refuses a deep package path and a relative path into the framework, at their position', async () => {
    const inside = relative(canisterDir(), join(FRAMEWORK_ROOT, 'core', 'stores', 'codec.ts'));
    await writeService(
      "import { update } from 'icp-calendar/core';\n" +
        "import { StableStore } from 'icp-calendar/core/stores/stable-store.ts';\n" +
        `const codec = await import('${inside}');\n`,
    );
    const set = await load();
    expect(set.ok).toBe(false);
    const text = formatConfigErrors(set.errors);
    expect(text).toContain('canisters/notes/service.ts:2:29  CONFIG_PRIVATE_IMPORT');
    expect(text).toContain(
      'got "icp-calendar/core/stores/stable-store.ts", which the package does not export',
    );
    expect(text).toContain('canisters/notes/service.ts:3:28  CONFIG_PRIVATE_IMPORT');
    expect(text).toContain("a path into the framework's own files");
    expect(text).toContain('icp-calendar/core, icp-calendar/plugins/*');
  });
});
