import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

import {
  PICK_COST_BRANCH,
  PICK_COST_FALL_THROUGH,
  blockBranchModule,
  LOOP_COST_AFTER,
  LOOP_COST_PER_ITERATION,
  countingLoopModule,
  indexShiftModule,
  invalidModule,
  memoryFillModule,
} from './hand-assembled-modules.ts';
import {
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  METERING_IMPORT,
  UNJOURNALED_WRITES,
} from './instrumentation-names.ts';
import {
  InvalidModuleError,
  forgetCompiledModules,
  prepareModule,
  type PreparedModule,
} from './prepare-module.ts';

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

interface Metered {
  exports: WebAssembly.Exports;
  counter: WebAssembly.Global;
  limit: WebAssembly.Global;
  limitHits: () => number;
}

function instantiate(prepared: PreparedModule, env: Record<string, () => number> = {}): Metered {
  let hits = 0;
  const instance = new WebAssembly.Instance(prepared.module, {
    env,
    [METERING_IMPORT.module]: {
      ...UNJOURNALED_WRITES,
      [METERING_IMPORT.name]: () => {
        hits++;
        throw new Error('instruction limit exceeded');
      },
    },
  });
  return {
    exports: instance.exports,
    counter: instance.exports[INSTRUCTIONS_EXPORT] as WebAssembly.Global,
    limit: instance.exports[INSTRUCTION_LIMIT_EXPORT] as WebAssembly.Global,
    limitHits: () => hits,
  };
}

async function expectInvalid(bytes: Uint8Array, code: string, text: RegExp): Promise<void> {
  const error = await prepareModule(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidModuleError);
  expect((error as InvalidModuleError).code).toBe(code);
  expect((error as InvalidModuleError).message).toMatch(text);
}

describe('prepareModule: refusing bad input', () => {
  it('names bytes that are neither Wasm nor gzip', async () => {
    await expectInvalid(
      new TextEncoder().encode('hello world'),
      'WASM_NOT_WASM',
      /found 68 65 6c 6c/,
    );
  });

  it('reports a module cut short', async () => {
    const whole = countingLoopModule();
    await expectInvalid(whole.subarray(0, whole.length - 3), 'WASM_TRUNCATED', /ends early/);
    await expectInvalid(whole.subarray(0, 5), 'WASM_TRUNCATED', /8-byte header/);
  });

  it('reports gzip that does not inflate', async () => {
    const gz = gzipSync(countingLoopModule());
    await expectInvalid(gz.subarray(0, gz.length - 10), 'WASM_BAD_GZIP', /do not inflate/);
    await expectInvalid(new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4]), 'WASM_BAD_GZIP', /gzip/);
  });

  it('reports a well-formed module that does not validate', async () => {
    await expectInvalid(invalidModule(), 'WASM_INVALID', /does not validate/);
  });
});

describe('prepareModule: metering', () => {
  it('counts a loop of known trip count exactly', async () => {
    const metered = instantiate(await prepareModule(countingLoopModule()));
    const count = metered.exports.count as (n: number) => number;
    for (const trips of [1, 10, 1000]) {
      metered.counter.value = 0n;
      expect(count(trips)).toBe(trips);
      expect(metered.counter.value).toBe(BigInt(LOOP_COST_PER_ITERATION * trips + LOOP_COST_AFTER));
    }
  });

  it('charges blocks by the path taken: fall-through, branch, and code after return', async () => {
    const metered = instantiate(await prepareModule(blockBranchModule()));
    const pick = metered.exports.pick as (x: number) => number;
    metered.counter.value = 0n;
    expect(pick(0)).toBe(7);
    expect(metered.counter.value).toBe(BigInt(PICK_COST_FALL_THROUGH));
    metered.counter.value = 0n;
    expect(pick(1)).toBe(9);
    expect(metered.counter.value).toBe(BigInt(PICK_COST_BRANCH));
  });

  it('adds the type, import, global and export sections an empty module lacks', async () => {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const prepared = await prepareModule(empty);
    expect(WebAssembly.Module.exports(prepared.module).map((e) => e.name)).toEqual([
      INSTRUCTIONS_EXPORT,
      INSTRUCTION_LIMIT_EXPORT,
    ]);
    const metered = instantiate(prepared);
    expect(metered.limit.value).toBe(-1n);
    expect(metered.counter.value).toBe(0n);
  });

  it('calls the limit import once the counter passes the limit', async () => {
    const metered = instantiate(await prepareModule(countingLoopModule()));
    const count = metered.exports.count as (n: number) => number;
    metered.counter.value = 0n;
    metered.limit.value = 100n;
    expect(() => count(1000)).toThrow('instruction limit exceeded');
    expect(metered.limitHits()).toBe(1);
    const counted = metered.counter.value as bigint;
    expect(counted).toBeGreaterThan(100n);
    expect(counted).toBeLessThanOrEqual(100n + BigInt(LOOP_COST_PER_ITERATION));

    metered.counter.value = 0n;
    metered.limit.value = 100_000n;
    expect(count(1000)).toBe(1000);
    expect(metered.limitHits()).toBe(1);
  });

  it('charges memory.fill one instruction per byte on top of its fixed cost', async () => {
    const metered = instantiate(await prepareModule(memoryFillModule()));
    const fill = metered.exports.fill as (n: number) => void;
    const run = (bytes: number): bigint => {
      metered.counter.value = 0n;
      fill(bytes);
      return metered.counter.value as bigint;
    };
    expect(run(1000) - run(0)).toBe(1000n);
    expect(run(0)).toBeGreaterThanOrEqual(100n);
  });

  it('keeps calls, exports, the table, elements, start and ref.func pointing at the same functions', async () => {
    const prepared = await prepareModule(indexShiftModule());
    const metered = instantiate(prepared, { base: () => 2 });
    expect((metered.exports.viaCall as () => number)()).toBe(42);
    expect((metered.exports.viaTable as () => number)()).toBe(42);
    expect((metered.exports.started as WebAssembly.Global).value).toBe(7);
    const inner = (metered.exports.innerRef as WebAssembly.Global).value as () => number;
    expect(inner()).toBe(40);
    expect(prepared.imports).toEqual([{ module: 'env', name: 'base', kind: 'function' }]);
    expect(prepared.exports).toEqual(['viaCall', 'viaTable', 'started', 'innerRef']);
    expect(WebAssembly.Module.imports(prepared.module)).toContainEqual({
      ...METERING_IMPORT,
      kind: 'function',
    });
  });
});

describe('prepareModule: hashes and cache', () => {
  it('gives gzip and raw input the same rewrite but their own module hash', async () => {
    const raw = countingLoopModule();
    const gz = new Uint8Array(gzipSync(raw));
    forgetCompiledModules();
    const fromRaw = await prepareModule(raw);
    forgetCompiledModules();
    const fromGzip = await prepareModule(gz);
    expect(fromGzip.module).not.toBe(fromRaw.module);
    expect(fromGzip.wasmBytes).toEqual(fromRaw.wasmBytes);
    expect(Buffer.from(fromRaw.moduleHash).toString('hex')).toBe(
      createHash('sha256').update(raw).digest('hex'),
    );
    expect(Buffer.from(fromGzip.moduleHash).toString('hex')).toBe(
      createHash('sha256').update(gz).digest('hex'),
    );
  });

  it('reuses the rewrite stored under cacheDir and recovers from a corrupt entry', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'localnet-wasm-cache-'));
    tempDirs.push(cacheDir);
    const input = countingLoopModule();
    forgetCompiledModules();
    const first = await prepareModule(input, { cacheDir });
    const [file] = await readdir(cacheDir);
    expect(file).toMatch(/^[0-9a-f]{64}-.+\.wasm$/);
    expect(new Uint8Array(await readFile(join(cacheDir, file!)))).toEqual(first.wasmBytes);

    // A marked but valid module in the cache proves the second call read it instead of rewriting.
    const marker = new Uint8Array([0x00, 0x06, 0x05, ...new TextEncoder().encode('mark'), 0x01]);
    const marked = new Uint8Array([...first.wasmBytes, ...marker]);
    await writeFile(join(cacheDir, file!), marked);
    forgetCompiledModules();
    expect((await prepareModule(input, { cacheDir })).wasmBytes).toEqual(marked);

    await writeFile(join(cacheDir, file!), new Uint8Array([1, 2, 3]));
    forgetCompiledModules();
    expect((await prepareModule(input, { cacheDir })).wasmBytes).toEqual(first.wasmBytes);
  });

  it('still prepares the module when the cache directory cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localnet-wasm-cache-'));
    tempDirs.push(dir);
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    forgetCompiledModules();
    const prepared = await prepareModule(countingLoopModule(), {
      cacheDir: join(blocker, 'cache'),
    });
    expect(prepared.wasmBytes.length).toBeGreaterThan(countingLoopModule().length);
  });

  it('compiles the same Wasm once per process, and still fills a new cacheDir', async () => {
    const input = memoryFillModule();
    const first = await prepareModule(input);
    const gz = new Uint8Array(gzipSync(input));
    const again = await prepareModule(gz);
    expect(again.module).toBe(first.module);
    expect(again.moduleHash).not.toEqual(first.moduleHash);

    const cacheDir = await mkdtemp(join(tmpdir(), 'localnet-wasm-cache-'));
    tempDirs.push(cacheDir);
    await prepareModule(input, { cacheDir });
    expect(await readdir(cacheDir)).toHaveLength(1);
  });
});
