import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FRAMEWORK_ROOT } from './config-paths.ts';
import { formatConfigErrors } from './config-errors.ts';
import { loadConfigSet } from './load-config-set.ts';

let project: string;

async function writePlugin(dir: string, name: string, packageName?: string) {
  await mkdir(dir, { recursive: true });
  const manifest = { name, description: `The ${name} plugin.`, dependsOn: ['auth'] };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: { level: { type: 'integer', minimum: 1, description: 'How much.' } },
  };
  await writeFile(join(dir, 'options.schema.json'), JSON.stringify(schema));
  await writeFile(join(dir, 'index.ts'), 'export default {};\n');
  if (packageName)
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: packageName }));
}

async function writeCanister(plugins: string) {
  const dir = join(project, 'canisters', 'notes');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'canister.yaml'), `plugins:\n  auth: {}\n${plugins}`);
}

const load = () =>
  loadConfigSet({ repoRoot: FRAMEWORK_ROOT, projectRoot: project, systemFile: false });

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'plugin-sources-'));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app' }));
  await writePlugin(join(project, 'plugins', 'stamp'), 'stamp');
  await writePlugin(join(project, 'canisters', 'notes', 'audit-local'), 'audit_local');
  await writePlugin(
    join(project, 'node_modules', '@acme', 'icp-plugin-audit'),
    'audit',
    '@acme/icp-plugin-audit',
  );
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe('plugins: from the project, a path or an npm package', () => {
  it('resolves a project plugin by name, a path and a package, with their manifest names', async () => {
    await writeCanister(
      '  stamp: { level: 2 }\n  ./audit-local: {}\n  "@acme/icp-plugin-audit": { level: 1 }\n',
    );
    const set = await load();
    if (!set.ok) throw new Error(formatConfigErrors(set.errors));
    const uses = set.canisters[0]!.plugins;
    expect(uses.map((use) => [use.name, use.key, use.packageName])).toEqual([
      ['auth', undefined, undefined],
      ['stamp', undefined, undefined],
      ['audit_local', './audit-local', undefined],
      ['audit', '@acme/icp-plugin-audit', '@acme/icp-plugin-audit'],
    ]);
    expect(uses[3]!.dir).toBe(join(project, 'node_modules', '@acme', 'icp-plugin-audit'));
  });

  it("validates a package plugin's options at its key, naming the file", async () => {
    await writeCanister('  "@acme/icp-plugin-audit": { level: 0 }\n');
    const set = await load();
    expect(set.ok).toBe(false);
    const text = formatConfigErrors(set.errors);
    expect(text).toContain('canisters/notes/canister.yaml:3:38  CONFIG_INVALID_OPTION');
    expect(text).toContain('plugins.@acme/icp-plugin-audit.level must be >= 1');
  });

  it('refuses a package that is not installed, and the same plugin turned on twice', async () => {
    await writeCanister(
      '  "@acme/icp-plugin-missing": {}\n  ./audit-local: {}\n  ./audit-local/: {}\n',
    );
    const set = await load();
    expect(set.ok).toBe(false);
    const text = formatConfigErrors(set.errors);
    expect(text).toContain('got unknown plugin "@acme/icp-plugin-missing"');
    expect(text).toContain(
      'each plugin must be turned on once; got plugin "audit_local" again (also as plugins../audit-local)',
    );
  });
});
