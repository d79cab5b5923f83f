import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { Ajv } from 'ajv';

import { loadConfigSet } from '../config/load-config-set.ts';
import { dfxEntry, managedCanisters, syncDfxJson } from './dfx-json.ts';
import dfxSchema from './vendor/dfx-json-schema.json' with { type: 'json' };

const REPO_ROOT = new URL('../..', import.meta.url).pathname;

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dfx-json-'));
}

describe('syncDfxJson', () => {
  it('creates dfx.json with an Azle custom entry that exposes Candid publicly', async () => {
    const root = await scratch();
    expect(await syncDfxJson(root, [{ name: 'tasks', type: 'tasks' }])).toBe(true);
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx).toEqual({
      canisters: {
        tasks: {
          type: 'custom',
          main: 'build/tasks/entry.ts',
          candid: '.azle/tasks/tasks.did',
          wasm: '.azle/tasks/tasks.wasm',
          build: 'npx icp-calendar build tasks',
          gzip: true,
          metadata: [{ name: 'candid:service', path: '.azle/tasks/tasks.did', visibility: 'public' }],
        },
      },
      version: 1,
    });
  });

  it('keeps hand-written canisters, other top-level keys and extra keys of managed entries', async () => {
    const root = await scratch();
    const handWritten = {
      canisters: {
        internet_identity: { type: 'custom', candid: 'ii.did', wasm: 'ii.wasm', remote: { id: { ic: 'rdmx6-jaaaa-aaaaa-aaadq-cai' } } },
        tasks: { type: 'custom', main: 'old.ts', declarations: { output: 'src/declarations' } },
      },
      networks: { local: { bind: '127.0.0.1:4943' } },
      version: 1,
    };
    await writeFile(join(root, 'dfx.json'), JSON.stringify(handWritten));
    await syncDfxJson(root, [{ name: 'tasks', type: 'tasks' }, { name: 'notes', type: 'notes' }]);
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx.canisters.internet_identity).toEqual(handWritten.canisters.internet_identity);
    expect(dfx.networks).toEqual(handWritten.networks);
    expect(dfx.canisters.tasks).toEqual({
      ...dfxEntry({ name: 'tasks', type: 'tasks' }),
      declarations: { output: 'src/declarations' },
    });
    expect(Object.keys(dfx.canisters)).toEqual(['internet_identity', 'tasks', 'notes']);
  });

  it('prunes generated entries of removed types only when asked, never hand-written ones', async () => {
    const root = await scratch();
    await writeFile(join(root, 'dfx.json'), JSON.stringify({ canisters: { mine: { type: 'motoko', main: 'src/main.mo' } } }));
    await syncDfxJson(root, [{ name: 'old', type: 'old' }, { name: 'tasks', type: 'tasks' }]);
    await syncDfxJson(root, [{ name: 'tasks', type: 'tasks' }]);
    expect(Object.keys(JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8')).canisters)).toEqual(['mine', 'old', 'tasks']);
    await syncDfxJson(root, [{ name: 'tasks', type: 'tasks' }], { pruneStale: true });
    expect(Object.keys(JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8')).canisters)).toEqual(['mine', 'tasks']);
  });

  it('leaves the file untouched when nothing changed', async () => {
    const root = await scratch();
    const canisters = [{ name: 'tasks', type: 'tasks' }];
    await syncDfxJson(root, canisters);
    expect(await syncDfxJson(root, canisters)).toBe(false);
  });
});

describe('dfx.json for dfx users', () => {
  it("the repository's dfx.json is valid for dfx's published JSON schema, and so is a generated one", async () => {
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(dfxSchema);
    const committed = JSON.parse(await readFile(join(REPO_ROOT, 'dfx.json'), 'utf8'));
    expect(validate(committed), JSON.stringify(validate.errors)).toBe(true);
    const broken = { canisters: { tasks: { ...dfxEntry({ name: 'tasks', type: 'tasks' }), wasm: undefined } } };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('has one entry per canister system.yaml deploys (every shard), each built by icp-calendar build', async () => {
    const set = await loadConfigSet({ repoRoot: REPO_ROOT });
    if (!set.ok) throw new Error('config does not load');
    const expected = managedCanisters(set.system, set.canisters);
    const committed = JSON.parse(await readFile(join(REPO_ROOT, 'dfx.json'), 'utf8'));
    for (const canister of expected) {
      expect(committed.canisters[canister.name], canister.name).toEqual(dfxEntry(canister));
    }
    const sharded = managedCanisters(
      { ...set.system!, environments: [{ name: 'ic', network: 'ic', host: '', shards: { calendar: 3 } }] } as never,
      set.canisters,
    );
    expect(sharded.filter((c) => c.type === 'calendar').map((c) => c.name)).toEqual([
      'calendar',
      'calendar_0',
      'calendar_1',
      'calendar_2',
    ]);
  });

  it('rewrites entries of the earlier npx azle build format', async () => {
    const root = await scratch();
    const old = { type: 'custom', main: 'build/tasks/entry.ts', candid: 'x', wasm: 'y', build: 'npx azle build tasks' };
    await writeFile(join(root, 'dfx.json'), JSON.stringify({ canisters: { tasks: old, gone: old } }));
    await syncDfxJson(root, [{ name: 'tasks', type: 'tasks' }], { pruneStale: true });
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx.canisters).toEqual({ tasks: dfxEntry({ name: 'tasks', type: 'tasks' }) });
  });
});
