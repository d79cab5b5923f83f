import type { StepName } from './recovery-model.ts';

/**
 * Rough per-step costs for a plan, from measured figures (bench/backup.ts): sha256 in QuickJS
 * ~10 k instructions per byte (the backup canister checks each chunk before sending it, the
 * target again on arrival, and once more when verifying); a stored record costs the target
 * about IMPORT_PER_RECORD to validate and write. Cycles: 1 per instruction, 5 M per message,
 * 260 k plus 1 k per byte per call, 500 B to create a canister plus what it is funded with.
 */
const HASH_PER_BYTE = 10_000n;
const IMPORT_PER_RECORD = 600_000n;
const MESSAGE_CYCLES = 5_000_000n;
const CALL_CYCLES = 260_000n;
const BYTE_CYCLES = 1_000n;
export const CREATE_CANISTER_FEE = 500_000_000_000n;
export const NEW_CANISTER_CYCLES = 1_000_000_000_000n;

export interface PlanSize {
  chunks: number;
  bytes: bigint;
  records: bigint;
  wasmBytes: number;
  wasmChunks: number;
}

export function estimate(step: StepName, size: PlanSize, mode: 'new' | 'same') {
  const calls = (n: bigint, bytes: bigint) =>
    n * (CALL_CYCLES + MESSAGE_CYCLES) + bytes * BYTE_CYCLES;
  const chunks = BigInt(size.chunks);
  switch (step) {
    case 'select_version':
      return { instructions: 5_000_000n, cycles: MESSAGE_CYCLES };
    case 'create_canister':
      return mode === 'same'
        ? { instructions: 2_000_000n, cycles: MESSAGE_CYCLES }
        : {
            instructions: 5_000_000n,
            cycles: CREATE_CANISTER_FEE + NEW_CANISTER_CYCLES + calls(2n, 0n),
          };
    case 'install_wasm': {
      const instructions = 3_000_000_000n + BigInt(size.wasmChunks) * 20_000_000n;
      return {
        instructions,
        cycles: instructions + calls(BigInt(size.wasmChunks) + 3n, BigInt(size.wasmBytes)),
      };
    }
    case 'restore_chunks': {
      const instructions = 2n * HASH_PER_BYTE * size.bytes + IMPORT_PER_RECORD * size.records;
      // begin, every chunk, and the target's commit steps of at most 2,000 records each.
      const commits = size.records / 2_000n + 2n;
      return { instructions, cycles: instructions + calls(chunks + commits + 1n, size.bytes) };
    }
    case 'verify_restore': {
      const instructions = HASH_PER_BYTE * size.bytes + 10_000_000n;
      return { instructions, cycles: instructions + calls(chunks + 1n, chunks * 100n) };
    }
    default:
      return { instructions: 20_000_000n, cycles: 20_000_000n + calls(4n, 1_000n) };
  }
}
