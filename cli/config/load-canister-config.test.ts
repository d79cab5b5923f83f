import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { formatConfigError, type ConfigError } from './config-errors.ts';
import { loadCanisterConfig } from './load-canister-config.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const pluginRoots = [`${fixtures}plugins`];

async function errorsOf(name: string, knownGroups?: string[]): Promise<ConfigError[]> {
  const result = await loadCanisterConfig(`${fixtures}config/${name}/canister.yaml`, {
    pluginRoots,
    knownGroups,
  });
  expect(result.ok).toBe(false);
  return result.errors;
}

function lines(errors: ConfigError[]): string[] {
  return errors.map(formatConfigError);
}

describe('loadCanisterConfig', () => {
  it('turns a valid canister.yaml into a CanisterTypeConfig', async () => {
    const result = await loadCanisterConfig(`${fixtures}config/tasks/canister.yaml`, {
      pluginRoots,
    });
    expect(result.errors).toEqual([]);
    if (!result.ok) return;
    const { config } = result;
    expect(config).toMatchObject({ name: 'tasks', group: 'app', shards: 2 });
    expect(config.plugins.map((plugin) => [plugin.name, plugin.options])).toEqual([
      ['backup', { schedule: 'every 6h' }],
      ['metrics', {}],
      ['auth', { admins: ['aaaaa-aa'] }],
    ]);
    expect(config.plugins[0]!.dir).toBe(`${fixtures}plugins/backup`);
    expect(config.bootOrder).toEqual(['metrics', 'auth', 'backup']);
    expect(config.collections).toEqual([
      {
        name: 'tasks',
        visibility: 'private',
        maxPerOwner: 1000,
        indexes: ['done'],
        fields: [
          { name: 'title', type: 'text', optional: false, maxLength: 200 },
          { name: 'done', type: 'bool', optional: false },
          { name: 'due', type: 'nat64', optional: true },
        ],
      },
    ]);
  });

  it('reports an unknown plugin at its key, listing the plugins that exist', async () => {
    // The repository's own plugins/ folder is always searched too, so the list grows with it.
    const [line, ...rest] = lines(await errorsOf('unknown-plugin'));
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^test\/fixtures\/config\/unknown-plugin\/canister\.yaml:3:3 {2}CONFIG_UNKNOWN_PLUGIN\n {2}plugins\.bakcup must name a plugin \(one of ([a-z_]+, )*backup(, [a-z_]+)*; a \.\/path to a plugin folder; or an installed npm plugin\); got unknown plugin "bakcup" \(did you mean "backup"\?\)$/,
    );
    for (const fixture of ['misnamed', 'ping', 'pong']) expect(line).toContain(fixture);
  });

  it('reports a dependency the canister does not turn on', async () => {
    const [error, ...rest] = await errorsOf('missing-dependency');
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      code: 'CONFIG_MISSING_DEPENDENCY',
      line: 3,
      col: 3,
      path: 'plugins.backup',
    });
    expect(error!.message).toContain('needs plugin "auth"');
  });

  it('reports a dependency cycle with the names walked', async () => {
    const [error] = await errorsOf('cycle');
    expect(error).toMatchObject({ code: 'CONFIG_DEPENDENCY_CYCLE', line: 2, col: 3 });
    expect(error!.message).toContain('ping -> pong -> ping');
  });

  it("reports every option that breaks a plugin's schema, at the value, in the style guide's form", async () => {
    const errors = await errorsOf('wrong-option', ['system']);
    expect(lines(errors)).toEqual([
      'test/fixtures/config/wrong-option/canister.yaml:1:8  CONFIG_UNKNOWN_GROUP\n' +
        '  group must be declared in config/system.yaml (system); got "app"',
      'test/fixtures/config/wrong-option/canister.yaml:4:13  CONFIG_INVALID_OPTION\n' +
        '  plugins.auth.admins must be a list; got "aaaaa-aa"',
      'test/fixtures/config/wrong-option/canister.yaml:6:15  CONFIG_INVALID_OPTION\n' +
        '  plugins.backup.schedule must look like "every 5m"; got "5 minutes"',
      'test/fixtures/config/wrong-option/canister.yaml:7:11  CONFIG_INVALID_OPTION\n' +
        '  plugins.backup.keep must be an integer; got "many"',
    ]);
  });

  it('reports bad YAML syntax with file, line and column', async () => {
    // Written at test time: a fixture file with broken syntax would break `prettier --check .`.
    const dir = join(await mkdtemp(join(tmpdir(), 'config-')), 'bad-syntax');
    await mkdir(dir);
    await writeFile(join(dir, 'canister.yaml'), 'plugins:\n  auth: { admins: [ }\nshards: 1\n');
    const result = await loadCanisterConfig(join(dir, 'canister.yaml'), { pluginRoots });
    const [error] = result.errors;
    expect(error).toMatchObject({
      code: 'CONFIG_YAML_SYNTAX',
      file: join(dir, 'canister.yaml'),
      line: 2,
    });
    expect(error!.col).toBeGreaterThan(15);
    expect(error!.message).toMatch(/^expected valid YAML; got .*\]/);
  });

  it('validates options against a 2020-12 plugin schema too', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'config-')), 'metered');
    await mkdir(dir);
    await writeFile(
      join(dir, 'canister.yaml'),
      'plugins:\n  metrics: { enabled: "yes", extra: 1 }\n',
    );
    const result = await loadCanisterConfig(join(dir, 'canister.yaml'), { pluginRoots });
    expect(result.errors.map((error) => [error.line, error.col, error.code, error.path])).toEqual([
      [2, 23, 'CONFIG_INVALID_OPTION', 'plugins.metrics.enabled'],
      [2, 30, 'CONFIG_INVALID_OPTION', 'plugins.metrics.extra'],
    ]);
    expect(result.errors[0]!.message).toBe(
      'plugins.metrics.enabled must be true or false; got "yes"',
    );
  });

  it('reports a key given twice', async () => {
    expect(await errorsOf('duplicate-key')).toMatchObject([
      { code: 'CONFIG_DUPLICATE_KEY', line: 3, col: 3 },
    ]);
  });

  it('reports name, service, type and unknown-key errors together', async () => {
    const errors = await errorsOf('name-mismatch');
    expect(errors.map((error) => [error.code, error.line, error.col, error.path])).toEqual([
      ['CONFIG_NAME_MISMATCH', 1, 7, 'name'],
      ['CONFIG_SERVICE_NOT_FOUND', 2, 10, 'service'],
      ['CONFIG_WRONG_TYPE', 3, 9, 'shards'],
      ['CONFIG_UNKNOWN_KEY', 4, 1, 'colour'],
    ]);
  });

  it('reports collection field and index errors', async () => {
    const errors = await errorsOf('bad-collection');
    expect(errors.map((error) => [error.code, error.path])).toEqual([
      ['CONFIG_INVALID_VALUE', 'collections.notes.visibility'],
      ['CONFIG_UNKNOWN_INDEX_FIELD', 'collections.notes.indexes.1'],
      ['CONFIG_DUPLICATE_NAME', 'collections.notes.indexes.2'],
      ['CONFIG_INVALID_FIELD', 'collections.notes.fields.done.maxLength'],
      ['CONFIG_INVALID_FIELD', 'collections.notes.fields.owner'],
      ['CONFIG_INVALID_FIELD', 'collections.notes.fields.score.max'],
      ['CONFIG_INVALID_VALUE', 'collections.Bad-Name'],
      ['CONFIG_INVALID_VALUE', 'collections.Bad-Name.fields'],
    ]);
  });

  it("reports a plugin folder's own errors in its manifest and options schema", async () => {
    const errors = await errorsOf('broken-plugin');
    expect(errors.map((error) => [error.file, error.code])).toEqual([
      ['test/fixtures/config/broken-plugin/canister.yaml', 'CONFIG_UNKNOWN_PLUGIN'],
      ['test/fixtures/plugins/misnamed/manifest.json', 'PLUGIN_INVALID_MANIFEST'],
      ['test/fixtures/plugins/misnamed/options.schema.json', 'PLUGIN_INVALID_OPTIONS_SCHEMA'],
    ]);
  });

  it('reports a file that does not exist', async () => {
    const result = await loadCanisterConfig(`${fixtures}config/nowhere/canister.yaml`, {
      pluginRoots,
    });
    expect(result.errors).toMatchObject([{ code: 'CONFIG_FILE_UNREADABLE', line: 1, col: 1 }]);
  });
});
