import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FRAMEWORK_ROOT } from '../config/config-paths.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { scaffoldCanister } from './scaffold-canister.ts';

const SYSTEM = `# Topology, with comments that must survive.
version: 1
groups:
  app:
    description: user data
canisters:
  # the only type so far
  existing: { group: app }
schedules: {}
environments:
  local: { network: local, host: http://127.0.0.1:4943 }
`;

let root: string;
let canistersDir: string;
let systemFile: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'scaffold-'));
  canistersDir = join(root, 'canisters');
  systemFile = join(root, 'system.yaml');
  await mkdir(canistersDir);
  await writeFile(systemFile, SYSTEM);
  await scaffoldCanister({
    repoRoot: FRAMEWORK_ROOT,
    canistersDir,
    systemFile: false,
    type: 'existing',
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const scaffold = (type: string, group?: string) =>
  scaffoldCanister({ repoRoot: FRAMEWORK_ROOT, canistersDir, systemFile, type, group });

describe('scaffoldCanister', () => {
  it('writes a canister type that the config loader accepts, and lists it in system.yaml', async () => {
    const result = await scaffold('shopping_list', 'app');
    expect(result).toMatchObject({ ok: true, addedToSystem: true });
    const yamlText = await readFile(join(canistersDir, 'shopping_list', 'canister.yaml'), 'utf8');
    expect(yamlText).toContain('group: app');
    const service = await readFile(join(canistersDir, 'shopping_list', 'service.ts'), 'utf8');
    expect(service).toContain('export class ShoppingListEndpoints');
    expect(service).toMatch(/from '(\.\.\/)+.*core\/index\.ts'/);

    const system = await readFile(systemFile, 'utf8');
    expect(system).toContain('# Topology, with comments that must survive.');
    expect(system).toContain('# the only type so far');
    expect(system).toContain('shopping_list: { group: app }');

    const set = await loadConfigSet({ canistersDir, systemFile, names: ['shopping_list'] });
    expect(set.ok ? [] : set.errors).toEqual([]);
  });

  it('refuses a bad name, an existing type and an unknown group, writing nothing', async () => {
    expect(await scaffold('Shopping-List')).toMatchObject({ ok: false, code: 'NEW_TYPE_INVALID' });
    await mkdir(join(canistersDir, 'taken'));
    expect(await scaffold('taken')).toMatchObject({ ok: false, code: 'NEW_TYPE_EXISTS' });
    const unknown = await scaffold('notes', 'nowhere');
    expect(unknown).toMatchObject({ ok: false, code: 'NEW_GROUP_UNKNOWN' });
    expect(unknown.ok ? '' : unknown.message).toContain('(app); found "nowhere"');
    expect(existsSync(join(canistersDir, 'notes'))).toBe(false);
    expect(await readFile(systemFile, 'utf8')).toBe(SYSTEM);
  });
});
