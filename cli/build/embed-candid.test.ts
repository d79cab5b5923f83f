import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

import { embedCandid, IC_WASM, icWasmUnavailable, readCandidMetadata } from './embed-candid.ts';

const EMPTY_WASM_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const CANDID = 'service : {\n  get_message : () -> (text) query;\n}\n';

describe.skipIf(icWasmUnavailable() !== undefined)('embedCandid', () => {
  it('stores the Candid text as public candid:service metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'embed-candid-'));
    const wasm = join(dir, 'x.wasm');
    await writeFile(wasm, EMPTY_WASM_MODULE);
    await writeFile(join(dir, 'x.did'), CANDID);

    expect(await embedCandid(wasm, join(dir, 'x.did'))).toEqual({ embedded: true });

    expect((await readCandidMetadata(wasm)).trim()).toBe(CANDID.trim());
    const { stdout } = await promisify(execFile)(IC_WASM, [wasm, 'metadata']);
    expect(stdout).toContain('icp:public candid:service');
    expect((await readFile(wasm)).length).toBeGreaterThan(EMPTY_WASM_MODULE.length + CANDID.length);
  });

  it('leaves an embedded Wasm alone until the Wasm or the Candid text changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'embed-candid-'));
    const [wasm, did] = [join(dir, 'x.wasm'), join(dir, 'x.did')];
    await writeFile(wasm, EMPTY_WASM_MODULE);
    await writeFile(did, CANDID);
    expect(await embedCandid(wasm, did)).toEqual({ embedded: true });
    expect(await embedCandid(wasm, did)).toEqual({ embedded: true, cached: true });

    const changed = CANDID.replace('get_message', 'get_other');
    await writeFile(did, changed);
    expect(await embedCandid(wasm, did)).toEqual({ embedded: true });
    expect((await readCandidMetadata(wasm)).trim()).toBe(changed.trim());

    await writeFile(wasm, EMPTY_WASM_MODULE);
    expect(await embedCandid(wasm, did)).toEqual({ embedded: true });
    expect((await readCandidMetadata(wasm)).trim()).toBe(changed.trim());
  });
});
