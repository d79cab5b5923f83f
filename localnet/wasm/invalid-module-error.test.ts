import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import { INVALID_MODULE_CODES } from './invalid-module-error.ts';
import { prepareModule } from './prepare-module.ts';

describe('InvalidModuleError codes', () => {
  it('are all documented in the README', async () => {
    const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
    const documented = INVALID_MODULE_CODES.filter((code) => readme.includes(`\`${code}\``));
    expect(documented).toEqual([...INVALID_MODULE_CODES]);
  });

  it('names an unknown section id as malformed', async () => {
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x0e, 0x00]);
    await expect(prepareModule(bytes)).rejects.toMatchObject({
      code: 'WASM_MALFORMED',
      message: expect.stringMatching(/known section id \(0-13\), found 14/),
    });
  });

  it('refuses a module that already uses a localnet export name', async () => {
    // (module (global (export "__localnet_instructions") i32 (i32.const 0)))
    // prettier-ignore
    const bytes = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x00, 0x0b,
      0x07, 0x1b, 0x01, 0x17, ...new TextEncoder().encode('__localnet_instructions'), 0x03, 0x00,
    ]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    await expect(prepareModule(bytes)).rejects.toMatchObject({
      code: 'WASM_UNSUPPORTED',
      message: expect.stringMatching(/"__localnet_instructions" is reserved/),
    });
  });

  it('refuses a Wasm version other than 1', async () => {
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
    await expect(prepareModule(bytes)).rejects.toMatchObject({ code: 'WASM_UNSUPPORTED' });
  });
});
