import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadConfigSet } from '../config/load-config-set.ts';
import { managedCanisters } from './dfx-json.ts';
import { icpYaml } from './icp-yaml.ts';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;

describe('icp.yaml', () => {
  it('the committed file is what the build generates from system.yaml (every canister, like dfx.json)', async () => {
    const set = await loadConfigSet({ repoRoot: REPO_ROOT });
    if (!set.ok) throw new Error('config does not load');
    const expected = icpYaml(managedCanisters(set.system, set.canisters));
    expect(await readFile(join(REPO_ROOT, 'icp.yaml'), 'utf8')).toBe(expected);
    expect(expected).toContain('npx icp-calendar build notification');
  });
});
