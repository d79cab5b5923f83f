/**
 * Instruction weights, modelled on the IC replica's cost table (dfinity/ic
 * `rs/embedders/src/wasm_utils/instrumentation.rs`, `instruction_to_cost`) so that metered
 * figures land near what a canister is charged on the IC. Block markers are free; most
 * instructions cost 1; calls, divisions, float conversions and memory management cost more.
 * SIMD and atomics are charged 1 each (the IC weighs SIMD individually; Azle emits none).
 */
const SINGLE_BYTE_COSTS = buildSingleByteCosts();

const MISC_COSTS: Record<number, number> = {
  8: 100, // memory.init (+ 1 per byte, charged at run time)
  9: 300, // data.drop
  10: 100, // memory.copy (+ 1 per byte)
  11: 100, // memory.fill (+ 1 per byte)
  12: 100, // table.init
  13: 300, // elem.drop
  14: 100, // table.copy
  15: 300, // table.grow
  16: 100, // table.size
  17: 100, // table.fill
};
const SATURATING_TRUNCATION_COST = 20;

/** Cost of one instruction, by the code skipImmediates returned. */
export function instructionCost(code: number): number {
  if (code <= 0xff) return SINGLE_BYTE_COSTS[code]!;
  if (code >>> 16 === 0xfc) {
    const sub = code & 0xffff;
    return sub <= 7 ? SATURATING_TRUNCATION_COST : (MISC_COSTS[sub] ?? 1);
  }
  return 1;
}

function buildSingleByteCosts(): Uint16Array {
  const costs = new Uint16Array(256).fill(1);
  const set = (cost: number, ...opcodes: number[]): void => {
    for (const opcode of opcodes) costs[opcode] = cost;
  };
  set(0, 0x02, 0x03, 0x05, 0x0b); // block, loop, else, end
  set(2, 0x04, 0x0c, 0x0d, 0x0e); // if, br, br_if, br_table
  set(5, 0x10); // call
  set(10, 0x11); // call_indirect
  set(3, 0x12); // return_call
  set(60, 0x13); // return_call_indirect
  set(2, 0x23, 0x24); // global.get, global.set
  set(5, 0x25, 0x26); // table.get, table.set
  set(20, 0x3f); // memory.size
  set(300, 0x40); // memory.grow
  set(10, 0x6d, 0x6e, 0x6f, 0x70, 0x7f, 0x80, 0x81, 0x82); // integer div and rem
  set(3, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66); // float compare
  set(2, 0x8d, 0x8e, 0x8f, 0x90, 0x92, 0x93, 0x94, 0x98); // f32 rounding, add, sub, mul, copysign
  set(2, 0x9b, 0x9c, 0x9d, 0x9e, 0xa0, 0xa1, 0xa2); // f64 rounding, add, sub, mul
  set(5, 0x91); // f32.sqrt
  set(3, 0x95); // f32.div
  set(18, 0x96, 0x97, 0xa4, 0xa5); // f32/f64 min, max
  set(8, 0x9f); // f64.sqrt
  set(5, 0xa3); // f64.div
  set(3, 0xa6); // f64.copysign
  set(20, 0xa8, 0xa9, 0xaa, 0xab, 0xae, 0xaf, 0xb0, 0xb1); // float-to-int truncation
  set(3, 0xb2, 0xb4, 0xb7, 0xb9); // signed int-to-float
  set(16, 0xb3, 0xb5, 0xb8, 0xba); // unsigned int-to-float
  set(5, 0xd1); // ref.is_null
  set(130, 0xd2); // ref.func
  return costs;
}
