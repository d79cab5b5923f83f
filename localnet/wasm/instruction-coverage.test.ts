import { readFile } from 'node:fs/promises';
import binaryen from 'binaryen';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  METERING_IMPORT,
  UNJOURNALED_WRITES,
} from './instrumentation-names.ts';
import { prepareModule } from './prepare-module.ts';

const watPath = new URL('./fixtures/wide-instruction-set.wat', import.meta.url);

/** Features Node 20's V8 runs; binaryen's `All` would emit GC heap types V8 refuses. */
function nodeFeatures(): number {
  const f = binaryen.Features;
  return (
    f.MutableGlobals |
    f.NontrappingFPToInt |
    f.SIMD128 |
    f.BulkMemory |
    f.SignExt |
    f.ExceptionHandling |
    f.TailCall |
    f.ReferenceTypes |
    f.Multivalue
  );
}

async function assemble(): Promise<Uint8Array> {
  const module = binaryen.parseText(await readFile(watPath, 'utf8'));
  try {
    module.setFeatures(nodeFeatures());
    if (!module.validate()) throw new Error('fixture does not validate in binaryen');
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

type Call = [name: string, ...args: number[]];
const CALLS: Call[] = [
  ...[0, 1, 2, 3, 4, 9].map((x): Call => ['branches', x]),
  ...[0, 1, 255, 70000].map((x): Call => ['simd', x]),
  ...[0, 5, 64].map((x): Call => ['bulk', x]),
  ...[0, 7, -12, 100000].map((x): Call => ['floats', x]),
  ...[0, 3, 1000].map((x): Call => ['ints', x]),
  ...[0, 5].map((x): Call => ['tail', x]),
  ...[0, 4].map((x): Call => ['exceptions', x]),
  ['tables', 5],
  ['tail', 2],
  ['fib', 15],
  ['loops', 100],
  ['dropData'],
  ['bulk', 0],
  ['bulk', 3],
];

function runAll(exports: WebAssembly.Exports): unknown[] {
  return CALLS.map(([name, ...args]) => {
    try {
      return (exports[name] as (...a: number[]) => unknown)(...args);
    } catch (error) {
      return `trap: ${(error as Error).constructor.name}`;
    }
  });
}

describe('metering rewrite across the instruction set', () => {
  let original: Uint8Array;
  beforeAll(async () => {
    original = await assemble();
  });

  it('leaves every result unchanged (SIMD, br_table, bulk memory, floats, tail calls, exceptions, tables)', async () => {
    const plain = await WebAssembly.instantiate(original as Uint8Array<ArrayBuffer>);
    const expected = runAll(plain.instance.exports);
    expect(expected).toContain('trap: RuntimeError');

    const prepared = await prepareModule(original);
    const metered = new WebAssembly.Instance(prepared.module, {
      [METERING_IMPORT.module]: {
        ...UNJOURNALED_WRITES,
        [METERING_IMPORT.name]: () => undefined,
      },
    });
    expect(runAll(metered.exports)).toEqual(expected);
    expect((metered.exports[INSTRUCTIONS_EXPORT] as WebAssembly.Global).value).toBeGreaterThan(0n);
  });

  it('stops loop-free recursion at a function entry', async () => {
    const prepared = await prepareModule(original);
    let hits = 0;
    const metered = new WebAssembly.Instance(prepared.module, {
      [METERING_IMPORT.module]: {
        ...UNJOURNALED_WRITES,
        [METERING_IMPORT.name]: () => {
          hits++;
          throw new Error('limit');
        },
      },
    });
    (metered.exports[INSTRUCTION_LIMIT_EXPORT] as WebAssembly.Global).value = 5_000n;
    expect(() => (metered.exports.fib as (n: number) => number)(30)).toThrow('limit');
    expect(hits).toBe(1);
  });
});
