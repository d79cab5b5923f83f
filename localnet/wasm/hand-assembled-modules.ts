/**
 * TEST HELPER ONLY: small Wasm modules written opcode by opcode, so tests know exactly which
 * instructions run and can predict the metered count.
 */
import { WasmWriter } from './wasm-writer.ts';

type Bytes = number[];

const I32 = 0x7f;
const FUNC = 0x60;

function vector(items: Bytes[]): Bytes {
  return [...uleb(items.length), ...items.flat()];
}

function uleb(value: number): Bytes {
  const writer = new WasmWriter(8);
  writer.u32(value);
  return [...writer.view()];
}

function name(text: string): Bytes {
  const encoded = [...new TextEncoder().encode(text)];
  return [...uleb(encoded.length), ...encoded];
}

function section(id: number, payload: Bytes): Bytes {
  return [id, ...uleb(payload.length), ...payload];
}

function body(locals: Bytes[], code: Bytes): Bytes {
  const content = [...vector(locals), ...code, 0x0b];
  return [...uleb(content.length), ...content];
}

function module(...sections: Bytes[]): Uint8Array {
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}

/**
 * `count(n)`: increments a local in a loop until it reaches n, returns it.
 * Per iteration: local.get, i32.const, i32.add, local.tee, local.get, i32.lt_u (1 each) and
 * br_if (2) = 8; after the loop: local.get (1). Block markers cost 0. Total 8n + 1 for n ≥ 1.
 */
export const LOOP_COST_PER_ITERATION = 8;
export const LOOP_COST_AFTER = 1;
export function countingLoopModule(): Uint8Array {
  // prettier-ignore
  const loop = [
    0x03, 0x40, // loop
    0x20, 0x01, 0x41, 0x01, 0x6a, 0x22, 0x01, // i = i + 1 (tee)
    0x20, 0x00, 0x49, // i < n
    0x0d, 0x00, // br_if 0
    0x0b, // end
    0x20, 0x01, // local.get i
  ];
  return module(
    section(1, vector([[FUNC, 1, I32, 1, I32]])),
    section(3, vector([[0]])),
    section(7, vector([[...name('count'), 0x00, 0]])),
    section(10, vector([body([[1, I32]], loop)])),
  );
}

/**
 * Index-shifting check: imports `env.base` (function 0), defines `inner` (1) returning 40,
 * `viaCall` (2) = inner() + base(), `viaTable` (3) = call_indirect table[0] (holds inner) + 2,
 * a start function (4) writing 7 to a global, a funcref global initialised with ref.func inner,
 * and a name section naming each function.
 */
export function indexShiftModule(): Uint8Array {
  const i32Result = 0; // () -> i32
  const noResult = 1; // () -> ()
  return module(
    section(
      1,
      vector([
        [FUNC, 0, 1, I32],
        [FUNC, 0, 0],
      ]),
    ),
    section(2, vector([[...name('env'), ...name('base'), 0x00, i32Result]])),
    section(3, vector([[i32Result], [i32Result], [i32Result], [noResult]])),
    section(4, vector([[0x70, 0x00, 1]])),
    section(
      6,
      vector([
        [I32, 0x01, 0x41, 0x00, 0x0b],
        [0x70, 0x00, 0xd2, 1, 0x0b],
      ]),
    ),
    section(
      7,
      vector([
        [...name('viaCall'), 0x00, 2],
        [...name('viaTable'), 0x00, 3],
        [...name('started'), 0x03, 0],
        [...name('innerRef'), 0x03, 1],
      ]),
    ),
    section(8, [4]),
    section(9, vector([[0x00, 0x41, 0x00, 0x0b, ...vector([[1]])]])),
    section(
      10,
      vector([
        body([], [0x41, 40]),
        body([], [0x10, 1, 0x10, 0, 0x6a]),
        body([], [0x41, 0x00, 0x11, i32Result, 0x00, 0x41, 2, 0x6a]),
        body([], [0x41, 7, 0x24, 0]),
      ]),
    ),
    section(0, [
      ...name('name'),
      ...section(
        1,
        vector([
          [0, ...name('base')],
          [1, ...name('inner')],
          [2, ...name('viaCall')],
        ]),
      ),
    ]),
  );
}

/** `fill(n)`: memory.fill of n bytes; its metered count grows by exactly n per extra byte. */
export function memoryFillModule(): Uint8Array {
  return module(
    section(1, vector([[FUNC, 1, I32, 0]])),
    section(3, vector([[0]])),
    section(5, vector([[0x00, 1]])),
    section(7, vector([[...name('fill'), 0x00, 0]])),
    section(10, vector([body([], [0x41, 0x00, 0x41, 0x2a, 0x20, 0x00, 0xfc, 11, 0x00])])),
  );
}

/** Well-formed bytes that fail validation: an i32 function that returns nothing. */
export function invalidModule(): Uint8Array {
  return module(
    section(1, vector([[FUNC, 0, 1, I32]])),
    section(3, vector([[0]])),
    section(10, vector([body([], [])])),
  );
}

/**
 * `pick(x)`: an untargeted block (its end continues the run), then a block left by `br_if`.
 * x = 0: block(0) i32.const(1) drop(1) end(0) block(0) local.get(1) br_if(2), then
 *        i32.const(1) return(1) → 7, returns 7.
 * x ≠ 0: the same first run (5), then after the targeted end: i32.const(1) → 6, returns 9.
 */
export const PICK_COST_FALL_THROUGH = 7;
export const PICK_COST_BRANCH = 6;
export function blockBranchModule(): Uint8Array {
  // prettier-ignore
  const code = [
    0x02, 0x40, 0x41, 0x05, 0x1a, 0x0b, // block i32.const 5 drop end
    0x02, 0x40, 0x20, 0x00, 0x0d, 0x00, // block local.get 0 br_if 0
    0x41, 0x07, 0x0f, // i32.const 7 return
    0x0b, // end
    0x41, 0x09, // i32.const 9
  ];
  return module(
    section(1, vector([[FUNC, 1, I32, 1, I32]])),
    section(3, vector([[0]])),
    section(7, vector([[...name('pick'), 0x00, 0]])),
    section(10, vector([body([], code)])),
  );
}
