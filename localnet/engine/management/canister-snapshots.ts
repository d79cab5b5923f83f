import type { Canister, CanisterSnapshot } from '../canister.ts';
import { CanisterRuntime } from '../canister-runtime.ts';
import { ErrorCode, RejectCode, RejectError } from '../errors.ts';

export const MAX_SNAPSHOTS = 10;

export function snapshotIdText(id: Uint8Array): string {
  return Buffer.from(id).toString('hex');
}

export function snapshotSize(snapshot: CanisterSnapshot): bigint {
  return snapshot.size;
}

/** Copies heap, stable memory, globals, certified data, module and chunk store. */
export function takeSnapshot(
  canister: Canister,
  time: bigint,
  replace?: Uint8Array,
): CanisterSnapshot {
  if (replace) {
    if (!canister.snapshots.delete(snapshotIdText(replace)))
      throw snapshotNotFound(canister, replace);
  } else if (canister.snapshots.size >= MAX_SNAPSHOTS) {
    throw new RejectError(
      RejectCode.CanisterReject,
      'IC0408',
      `Canister ${canister.idText} already has ${MAX_SNAPSHOTS} snapshots; delete one or pass replace_snapshot`,
    );
  }
  const id = new Uint8Array(canister.idBytes.length + 8);
  id.set(canister.idBytes);
  new DataView(id.buffer).setBigUint64(canister.idBytes.length, canister.nextSnapshotIndex++);
  const heap = canister.runtime?.captureHeap() ?? { heap: new Uint8Array(0), stackPointer: 0 };
  const stable = canister.stableMemory.clone();
  const snapshot: CanisterSnapshot = {
    id,
    takenAt: time,
    module: canister.module,
    wasm: canister.installedWasm,
    heap: heap.heap,
    stackPointer: heap.stackPointer,
    stable,
    certifiedData: canister.certifiedData.slice(),
    globalTimer: canister.globalTimer,
    chunkStore: new Map(canister.chunkStore),
    size: BigInt(heap.heap.length + stable.size + (canister.installedWasm?.length ?? 0)),
  };
  canister.snapshots.set(snapshotIdText(id), snapshot);
  return snapshot;
}

export function loadSnapshot(canister: Canister, id: Uint8Array): void {
  const snapshot = canister.snapshots.get(snapshotIdText(id));
  if (!snapshot) throw snapshotNotFound(canister, id);
  if (snapshot.module) {
    const runtime = new CanisterRuntime(snapshot.module, canister, canister.idText);
    runtime.restoreHeap(snapshot.heap, snapshot.stackPointer);
    canister.runtime = runtime;
  } else {
    canister.runtime = undefined;
  }
  canister.installedWasm = snapshot.wasm;
  canister.stableMemory = snapshot.stable.clone();
  canister.certifiedData = snapshot.certifiedData.slice();
  canister.globalTimer = snapshot.globalTimer;
  canister.chunkStore = new Map(snapshot.chunkStore);
  canister.version += 1n;
}

export function deleteSnapshot(canister: Canister, id: Uint8Array): void {
  if (!canister.snapshots.delete(snapshotIdText(id))) throw snapshotNotFound(canister, id);
}

function snapshotNotFound(canister: Canister, id: Uint8Array): RejectError {
  return new RejectError(
    RejectCode.DestinationInvalid,
    ErrorCode.CanisterSnapshotNotFound,
    `Could not find the snapshot ID ${snapshotIdText(id)} for canister ${canister.idText}`,
  );
}
