import { mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import { buildCanisters } from './build-canisters.ts';
import { icWasmUnavailable, readCandidMetadata } from './embed-candid.ts';

// One real Azle build (~7 s, cached by content hash across runs in build/.test-build-azle/).
// The entry generator is replaced by one that re-exports the fixture's service module, so
// this test covers the build's own steps: dfx.json, Azle, ic-wasm metadata, bindings.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(repo, 'test/fixtures');
const root = join(repo, 'build/.test-build-azle');

describe('buildCanisters with Azle', () => {
  it('compiles a declared canister, embeds its Candid and writes bindings that match it', async () => {
    await mkdir(root, { recursive: true });
    const lines: string[] = [];
    const result = await buildCanisters({
      outRoot: root,
      canistersDir: join(fixtures, 'config'),
      systemFile: false,
      names: ['hello'],
      log: (line) => lines.push(line),
      steps: {
        generate(config, { outDir }) {
          const service = relative(outDir, join(config.dir, config.service!)).split('\\').join('/');
          return [{ path: 'entry.ts', contents: `export { default } from '${service}';\n` }];
        },
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result, null, 2));
    const [hello] = result.built;

    const did = await readFile(hello!.candidPath, 'utf8');
    expect(did).toMatch(/get_message\s*:\s*\(\)\s*->\s*\(text\)\s*query/);
    const dfx = JSON.parse(await readFile(join(root, 'dfx.json'), 'utf8'));
    expect(dfx.canisters.hello.main).toBe('build/hello/entry.ts');
    if (icWasmUnavailable() === undefined) {
      expect(hello!.candidEmbedded).toBe(true);
      expect((await readCandidMetadata(hello!.wasmPath)).trim()).toBe(did.trim());
    }

    const bindings = (await import(hello!.bindingsPath)) as { idlFactory: IDL.InterfaceFactory };
    const methods = new Map(bindings.idlFactory({ IDL })._fields as [string, IDL.FuncClass][]);
    expect([...methods.keys()].sort()).toEqual(['get_message', 'set_message']);
    expect(methods.get('get_message')!.annotations).toEqual(['query']);
    expect(lines.some((line) => /^hello\s+azle\s+[\d.]+ (ms|s)/.test(line))).toBe(true);
  }, 180_000);
});
