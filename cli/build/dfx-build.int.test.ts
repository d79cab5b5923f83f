import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readCustomSections, readSections } from '../../localnet/wasm/module-outline.ts';

// dfx cannot run here, so this does what `dfx build` does with each custom canister of the
// committed dfx.json on a fresh clone: runs its `build` command in the project root with dfx's
// environment variables, then reads `wasm` and `candid` from the paths the entry names.
// `npm test` builds the first entry's type; `npm run test:dfx-build` builds every entry.
const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ALL = process.env.DFX_BUILD_ALL === '1';
let clone: string;
let entries: [string, { build: string; wasm: string; candid: string; metadata: { path: string }[] }][];

beforeAll(async () => {
  clone = await mkdtemp(join(tmpdir(), 'fresh-clone-'));
  await run('git', ['clone', '--quiet', '--no-hardlinks', REPO, clone]);
  // npm install's result, as a user has after `npm ci`.
  await symlink(join(REPO, 'node_modules'), join(clone, 'node_modules'));
  const dfx = JSON.parse(await readFile(join(clone, 'dfx.json'), 'utf8'));
  entries = Object.entries(dfx.canisters);
}, 120_000);

afterAll(async () => {
  if (clone) await rm(clone, { recursive: true, force: true });
});

const fakeId = (index: number) => ['rrkah-fqaaa-aaaaa-aaaaq-cai', 'ryjl3-tyaaa-aaaaa-aaaba-cai'][index % 2]!;

describe('dfx build of the committed dfx.json on a fresh clone', () => {
  it('has nothing built in the clone before the build runs', () => {
    expect(existsSync(join(clone, 'build'))).toBe(false);
    expect(existsSync(join(clone, '.azle'))).toBe(false);
  });

  it('builds each canister with its own command and dfx environment', async () => {
    const types = new Set<string>();
    const selected = entries.filter(([, entry]) => {
      const type = entry.build.split(' ').at(-1)!;
      if (types.has(type) || (!ALL && types.size > 0)) return false;
      types.add(type);
      return true;
    });
    const env: Record<string, string | undefined> = {
      ...process.env,
      DFX_NETWORK: 'ic',
      DFX_VERSION: '0.29.0',
      ...Object.fromEntries(
        entries.flatMap(([name], index) => [
          [`CANISTER_ID_${name.toUpperCase()}`, fakeId(index)],
          [`CANISTER_CANDID_PATH_${name.toUpperCase()}`, join(clone, entries[index]![1].candid)],
        ]),
      ),
    };
    for (const [name, entry] of selected) {
      await run('sh', ['-c', entry.build], {
        cwd: clone,
        env: { ...env, CANISTER_ID: env[`CANISTER_ID_${name.toUpperCase()}`] },
        maxBuffer: 64 * 1024 * 1024,
      });
      const wasm = new Uint8Array(await readFile(join(clone, entry.wasm)));
      const sections = readCustomSections(wasm, readSections(wasm));
      expect([...sections.keys()], name).toContain('icp:public candid:service');
      const candid = await readFile(join(clone, entry.candid), 'utf8');
      expect(candid).toMatch(/service\s*:/);
      expect(entry.metadata[0]!.path).toBe(entry.candid);
    }
    expect(selected.length).toBe(ALL ? types.size : 1);
  }, 1_200_000);
});
