import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { dfxEntry, syncDfxJson } from './dfx-json.ts';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dfx-json-'));
}

describe('syncDfxJson', () => {
  it('creates dfx.json with an Azle custom entry that exposes Candid publicly', async () => {
    const root = await scratch();
    expect(await syncDfxJson(root, [{ name: 'tasks', main: 'build/tasks/entry.ts' }])).toBe(true);
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx).toEqual({
      canisters: {
        tasks: {
          type: 'custom',
          main: 'build/tasks/entry.ts',
          candid: '.azle/tasks/tasks.did',
          wasm: '.azle/tasks/tasks.wasm',
          build: 'npx azle build tasks',
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
    await syncDfxJson(root, [{ name: 'tasks', main: 'build/tasks/entry.ts' }, { name: 'notes', main: 'build/notes/entry.ts' }]);
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx.canisters.internet_identity).toEqual(handWritten.canisters.internet_identity);
    expect(dfx.networks).toEqual(handWritten.networks);
    expect(dfx.canisters.tasks).toEqual({
      ...dfxEntry({ name: 'tasks', main: 'build/tasks/entry.ts' }),
      declarations: { output: 'src/declarations' },
    });
    expect(Object.keys(dfx.canisters)).toEqual(['internet_identity', 'tasks', 'notes']);
  });

  it('prunes generated entries of removed types only when asked, never hand-written ones', async () => {
    const root = await scratch();
    await writeFile(join(root, 'dfx.json'), JSON.stringify({ canisters: { mine: { type: 'motoko', main: 'src/main.mo' } } }));
    await syncDfxJson(root, [{ name: 'old', main: 'build/old/entry.ts' }, { name: 'tasks', main: 'build/tasks/entry.ts' }]);
    await syncDfxJson(root, [{ name: 'tasks', main: 'build/tasks/entry.ts' }]);
    expect(Object.keys(JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8')).canisters)).toEqual(['mine', 'old', 'tasks']);
    await syncDfxJson(root, [{ name: 'tasks', main: 'build/tasks/entry.ts' }], { pruneStale: true });
    expect(Object.keys(JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8')).canisters)).toEqual(['mine', 'tasks']);
  });

  it('leaves the file untouched when nothing changed', async () => {
    const root = await scratch();
    const canisters = [{ name: 'tasks', main: 'build/tasks/entry.ts' }];
    await syncDfxJson(root, canisters);
    expect(await syncDfxJson(root, canisters)).toBe(false);
  });
});
