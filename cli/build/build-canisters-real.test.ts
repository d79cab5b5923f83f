import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import { buildCanisters } from './build-canisters.ts';
import { icWasmUnavailable, readCandidMetadata } from './embed-candid.ts';

// End to end with every real step: YAML loader → generateEntry → Azle (~7-20 s, cached by
// content hash in build/.test-build-real/ across runs) → ic-wasm → bindings.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = join(repo, 'build/.test-build-real');

describe('icp-calendar build, all steps real', () => {
  it('turns a YAML-only canister.yaml into Wasm with CRUD endpoints, metadata and bindings', async () => {
    await mkdir(root, { recursive: true });
    const lines: string[] = [];
    const result = await buildCanisters({
      outRoot: root,
      canistersDir: join(repo, 'test/fixtures/config'),
      systemFile: false,
      names: ['journal'],
      log: (line) => lines.push(line),
    });
    if (!result.ok) throw new Error(JSON.stringify(result, null, 2));
    const [journal] = result.built;
    const did = await readFile(journal!.candidPath, 'utf8');
    expect(did).toMatch(/create_entr\w*\s*:/);
    expect(did).toMatch(/list_entr\w*_by_mood\s*:/);
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx.canisters.journal.main).toBe('build/journal/entry.ts');
    if (icWasmUnavailable() === undefined) {
      expect(journal!.candidEmbedded).toBe(true);
      expect((await readCandidMetadata(journal!.wasmPath)).trim()).toBe(did.trim());
    }
    const bindings = (await import(journal!.bindingsPath)) as { idlFactory: IDL.InterfaceFactory };
    const names = (bindings.idlFactory({ IDL })._fields as [string, IDL.FuncClass][]).map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['create_entries', 'get_entries', 'list_entries_by_mood']));
    const get = new Map(bindings.idlFactory({ IDL })._fields as [string, IDL.FuncClass][]).get('get_entries')!;
    expect(get.annotations).toEqual(['query']);
    for (const step of ['generate', 'azle', 'metadata', 'bindings']) {
      expect(lines.some((line) => new RegExp(`^journal\\s+${step}\\s+[\\d.]+ (ms|s)`).test(line))).toBe(true);
    }
  }, 240_000);
});
