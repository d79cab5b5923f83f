import type { Principal } from '@dfinity/principal';

import type { Canister } from '../canister.ts';
import { CanisterRuntime } from '../canister-runtime.ts';
import { ErrorCode, RejectCode, RejectError } from '../errors.ts';
import type { Engine } from '../engine.ts';
import { trapReject } from '../engine.ts';
import type { PreparedModule } from '../prepared-module.ts';
import { StableMemory } from '../stable-memory.ts';

export type InstallMode = 'install' | 'reinstall' | 'upgrade';

export interface InstallRequest {
  canister: Canister;
  mode: InstallMode;
  module: PreparedModule;
  wasm: Uint8Array;
  arg: Uint8Array;
  sender: Principal;
  skipPreUpgrade: boolean;
}

/**
 * install / reinstall / upgrade as one atomic step: on any trap the canister keeps exactly what it
 * had before (old instance, heap, stable memory, certified data, timer).
 */
export function installCode(engine: Engine, request: InstallRequest): void {
  const { canister, mode, module, arg, sender } = request;
  if (mode === 'install' && canister.module) {
    throw new RejectError(
      RejectCode.CanisterError,
      'IC0538',
      `Canister ${canister.idText} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.`,
    );
  }
  if (mode === 'upgrade' && !canister.module) {
    throw new RejectError(
      RejectCode.CanisterError,
      ErrorCode.CanisterWasmModuleNotFound,
      `Canister ${canister.idText} has no Wasm module to upgrade: install code first`,
    );
  }
  const old = {
    runtime: canister.runtime,
    stable: canister.stableMemory,
    certifiedData: canister.certifiedData,
    globalTimer: canister.globalTimer,
    cycles: canister.cycles,
  };
  const restore = () => {
    canister.runtime = old.runtime;
    canister.stableMemory = old.stable;
    canister.certifiedData = old.certifiedData;
    canister.globalTimer = old.globalTimer;
  };
  const fail = (trap: NonNullable<ReturnType<Engine['runLifecycleHook']>>, hook: string) => {
    const outcome = trapReject(canister, trap);
    const message = outcome.kind === 'rejected' ? outcome.rejectMessage : trap.message;
    throw new RejectError(
      RejectCode.CanisterError,
      trap.errorCode,
      `Error from Canister ${canister.idText}: ${hook} failed: ${message}`,
    );
  };

  if (mode === 'upgrade') {
    old.runtime!.begin();
    old.stable.begin();
    if (!request.skipPreUpgrade && old.runtime!.hasExport('canister_pre_upgrade')) {
      const trap = engine.runLifecycleHook(
        canister,
        'G',
        'canister_pre_upgrade',
        new Uint8Array(0),
        sender,
      );
      if (trap) {
        old.runtime!.rollback();
        old.stable.rollback();
        restore();
        fail(trap, 'pre_upgrade');
      }
    }
  } else {
    canister.stableMemory = new StableMemory();
    canister.certifiedData = new Uint8Array(0);
  }
  canister.globalTimer = 0n;
  let runtime: CanisterRuntime;
  try {
    runtime = new CanisterRuntime(module, canister, canister.idText);
  } catch (error) {
    if (mode === 'upgrade') {
      old.runtime!.rollback();
      old.stable.rollback();
    }
    restore();
    throw error;
  }
  canister.runtime = runtime;
  const hook = mode === 'upgrade' ? 'canister_post_upgrade' : 'canister_init';
  if (runtime.hasExport(hook)) {
    const trap = engine.runLifecycleHook(canister, 'I', hook, arg, sender);
    if (trap) {
      if (mode === 'upgrade') {
        old.runtime!.rollback();
        old.stable.rollback();
      }
      restore();
      fail(trap, mode === 'upgrade' ? 'post_upgrade' : 'init');
    }
  }
  if (mode === 'upgrade') old.stable.commit();
  canister.installedWasm = request.wasm;
  canister.version += 1n;
}

/** uninstall_code: the canister becomes empty; controllers, cycles and status stay. */
export function uninstallCode(engine: Engine, canister: Canister): void {
  engine.rejectOpenContexts(canister);
  canister.runtime = undefined;
  canister.installedWasm = undefined;
  canister.stableMemory = new StableMemory();
  canister.certifiedData = new Uint8Array(0);
  canister.globalTimer = 0n;
  canister.chunkStore.clear();
  canister.logs = [];
  canister.version += 1n;
}
