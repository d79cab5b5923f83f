import type { Principal } from '@dfinity/principal';

import type { Canister, CanisterSettings } from '../canister.ts';
import { idleCyclesPerDay } from '../cycles-policy.ts';
import { RejectCode, RejectError } from '../errors.ts';
import { snapshotSize } from './canister-snapshots.ts';

type Args = Record<string, unknown>;

/** The canister_status reply record (ic.did, 0.45 fields included). */
export function canisterStatusRecord(canister: Canister): Args {
  const s = canister.settings;
  const heap = BigInt(canister.heapBytes);
  const stable = BigInt(canister.stableMemory.size);
  const binary = BigInt(canister.module?.wasmBytes.length ?? 0);
  let snapshots = 0n;
  for (const snapshot of canister.snapshots.values()) snapshots += snapshotSize(snapshot);
  let chunks = 0n;
  for (const chunk of canister.chunkStore.values()) chunks += BigInt(chunk.length);
  return {
    status: { [canister.status]: null },
    ready_for_migration: false,
    version: canister.version,
    settings: {
      controllers: canister.controllers,
      compute_allocation: s.computeAllocation,
      memory_allocation: s.memoryAllocation,
      freezing_threshold: s.freezingThreshold,
      reserved_cycles_limit: s.reservedCyclesLimit,
      log_visibility: s.logVisibility,
      wasm_memory_limit: s.wasmMemoryLimit,
      wasm_memory_threshold: s.wasmMemoryThreshold,
      environment_variables: s.environmentVariables,
    },
    module_hash: canister.module ? [canister.module.moduleHash] : [],
    memory_size: canister.memoryBytes(),
    memory_metrics: {
      wasm_memory_size: heap,
      stable_memory_size: stable,
      global_memory_size: 0n,
      wasm_binary_size: binary,
      custom_sections_size: 0n,
      canister_history_size: 0n,
      wasm_chunk_store_size: chunks,
      snapshots_size: snapshots,
    },
    cycles: canister.cycles,
    reserved_cycles: 0n,
    idle_cycles_burned_per_day: idleCyclesPerDay(canister.memoryBytes()),
    query_stats: {
      num_calls_total: 0n,
      num_instructions_total: 0n,
      request_payload_bytes_total: 0n,
      response_payload_bytes_total: 0n,
    },
  };
}

/** update_settings / create settings: only the fields present change. */
export function applySettings(canister: Canister, settings: Args | undefined): void {
  if (!settings) return;
  const opt = <T>(name: string) => (settings[name] as [T] | [] | undefined)?.at(0);
  const controllers = opt<Principal[]>('controllers');
  if (controllers) {
    if (controllers.length > 10)
      throw new RejectError(
        RejectCode.CanisterReject,
        'IC0408',
        `At most 10 controllers are allowed; got ${controllers.length}`,
      );
    canister.controllers = [...controllers];
  }
  const target: CanisterSettings = canister.settings;
  target.freezingThreshold = opt<bigint>('freezing_threshold') ?? target.freezingThreshold;
  target.computeAllocation = opt<bigint>('compute_allocation') ?? target.computeAllocation;
  target.memoryAllocation = opt<bigint>('memory_allocation') ?? target.memoryAllocation;
  target.reservedCyclesLimit = opt<bigint>('reserved_cycles_limit') ?? target.reservedCyclesLimit;
  target.wasmMemoryLimit = opt<bigint>('wasm_memory_limit') ?? target.wasmMemoryLimit;
  target.wasmMemoryThreshold = opt<bigint>('wasm_memory_threshold') ?? target.wasmMemoryThreshold;
  target.logVisibility =
    opt<CanisterSettings['logVisibility']>('log_visibility') ?? target.logVisibility;
  target.environmentVariables =
    opt<CanisterSettings['environmentVariables']>('environment_variables') ??
    target.environmentVariables;
}
