import { Principal } from '../../core/index.ts';
import type { RecoveryPlan } from './recovery-model.ts';
import type { StoredWasm } from './vault-model.ts';

const opt = <T>(value: T | undefined): [] | [T] => (value === undefined ? [] : [value]);

export function planView(plan: RecoveryPlan) {
  return {
    id: plan.id,
    canister: Principal.fromText(plan.canister),
    kind: plan.kind,
    mode: plan.mode,
    version: plan.version,
    module_hash: plan.moduleHash,
    target: opt(plan.target === undefined ? undefined : Principal.fromText(plan.target)),
    status: plan.status,
    cursor: plan.cursor,
    chunks_sent: plan.chunksSent,
    error: opt(plan.error),
    created_at: plan.createdAt,
    updated_at: plan.updatedAt,
    steps: plan.steps.map((step) => ({
      name: step.name,
      description: step.description,
      preconditions: step.preconditions,
      estimated_instructions: step.estimatedInstructions,
      estimated_cycles: step.estimatedCycles,
      status: step.status,
      attempts: step.attempts,
      detail: opt(step.detail),
    })),
    estimated_instructions: plan.steps.reduce((sum, s) => sum + s.estimatedInstructions, 0n),
    estimated_cycles: plan.steps.reduce((sum, s) => sum + s.estimatedCycles, 0n),
  };
}

export function wasmView(wasm: StoredWasm) {
  return {
    kind: wasm.kind,
    module_hash: wasm.moduleHash,
    chunks: wasm.chunks,
    bytes: wasm.bytes,
    complete: wasm.complete,
  };
}
