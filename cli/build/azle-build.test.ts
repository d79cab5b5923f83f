import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { buildWithAzle } from './azle-build.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures', import.meta.url));

describe('buildWithAzle', () => {
  it('compiles the hello fixture to Wasm whose Candid lists its methods', async () => {
    const built = await buildWithAzle({
      name: 'hello',
      root: fixtures,
      sourceDirs: [`${fixtures}/canisters/hello`],
    });

    const candid = await readFile(built.candidPath, 'utf8');
    expect(candid).toMatch(/get_message\s*:\s*\(\)\s*->\s*\(text\)\s*query/);
    expect(candid).toMatch(/set_message\s*:\s*\(text\)\s*->\s*\(\)/);
    const wasm = await readFile(built.wasmPath);
    expect([...wasm.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  });

  it('skips Azle when the sources are unchanged', async () => {
    const request = { name: 'hello', root: fixtures, sourceDirs: [`${fixtures}/canisters/hello`] };
    await buildWithAzle(request);
    const again = await buildWithAzle(request);
    expect(again.cached).toBe(true);
  });

  it('names the canister when dfx.json does not declare it', async () => {
    await expect(
      buildWithAzle({ name: 'missing', root: fixtures, sourceDirs: [] }),
    ).rejects.toThrow(/canisters\.missing\.main is missing/);
  });
});
