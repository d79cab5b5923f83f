import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import {
  INSTRUCTION_LIMIT_EXPORT,
  INSTRUCTIONS_EXPORT,
  METERING_IMPORT,
  UNJOURNALED_WRITES,
  STACK_POINTER_EXPORT,
  TABLE_EXPORT,
} from './instrumentation-names.ts';
import { prepareModule } from './prepare-module.ts';

const templatePath = new URL(
  '../../node_modules/azle/dist/canister_templates/stable.wasm',
  import.meta.url,
);

describe("prepareModule on Azle's stable template", () => {
  it('exports the table, the stack pointer, the counter and the limit', async () => {
    const prepared = await prepareModule(new Uint8Array(await readFile(templatePath)));
    const ic0: Record<string, () => never> = {};
    for (const entry of prepared.imports) {
      expect(entry.module).toBe('ic0');
      ic0[entry.name] = () => {
        throw new Error(`ic0.${entry.name} is not available here`);
      };
    }
    expect(prepared.imports).toHaveLength(44);
    expect(prepared.exports).toContain('canister_global_timer');

    const instance = new WebAssembly.Instance(prepared.module, {
      ic0,
      [METERING_IMPORT.module]: {
        ...UNJOURNALED_WRITES,
        [METERING_IMPORT.name]: () => undefined,
      },
    });
    const table = instance.exports[TABLE_EXPORT] as WebAssembly.Table;
    expect(table).toBeInstanceOf(WebAssembly.Table);
    expect(table.length).toBe(1050);
    expect(typeof table.get(1)).toBe('function');

    const stackPointer = instance.exports[STACK_POINTER_EXPORT] as WebAssembly.Global;
    expect(stackPointer).toBeInstanceOf(WebAssembly.Global);
    expect(stackPointer.value).toBeGreaterThan(0);
    stackPointer.value = 1024;
    expect(stackPointer.value).toBe(1024);

    for (const name of [INSTRUCTIONS_EXPORT, INSTRUCTION_LIMIT_EXPORT]) {
      const global = instance.exports[name] as WebAssembly.Global;
      global.value = 5n;
      expect(global.value).toBe(5n);
    }
  });
});
