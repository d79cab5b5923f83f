import { readFile } from 'node:fs/promises';

import { Actor, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import {
  type BackupCanisterActor,
  type ControllerAccess,
  protectWithBackup,
} from './protect-with-backup.ts';

/** The backup canister's type in config/system.yaml. */
export const BACKUP_TYPE = 'backup';

const backupWiringIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const reply = (ok: IDL.Type) =>
    I.Variant({ Ok: ok, Err: I.Record({ code: I.Text, message: I.Text }) });
  const wasm = I.Record({
    kind: I.Text,
    module_hash: I.Text,
    chunks: I.Nat32,
    bytes: I.Nat32,
    complete: I.Bool,
  });
  return I.Service({
    protect: I.Func(
      [
        I.Record({
          canister: I.Principal,
          kind: I.Text,
          group: I.Opt(I.Text),
          shard: I.Opt(I.Text),
        }),
      ],
      [reply(I.Record({ canister: I.Principal, kind: I.Text }))],
      [],
    ),
    list_protected: I.Func(
      [],
      [I.Vec(I.Record({ canister: I.Principal, kind: I.Text }))],
      ['query'],
    ),
    list_wasm: I.Func([], [I.Vec(wasm)], ['query']),
    upload_wasm_chunk: I.Func([I.Text, I.Nat32, I.Vec(I.Nat8)], [reply(wasm)], []),
    commit_wasm: I.Func([I.Text, I.Text], [reply(wasm)], []),
    backup_now: I.Func(
      [I.Principal],
      [reply(I.Record({ version: I.Opt(I.Nat64), snapshot: I.Opt(I.Nat64) }))],
      [],
    ),
  });
};

const controllersIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    canister_status: I.Func(
      [I.Record({ canister_id: I.Principal })],
      [I.Record({ settings: I.Record({ controllers: I.Vec(I.Principal) }) })],
      [],
    ),
    update_settings: I.Func(
      [
        I.Record({
          canister_id: I.Principal,
          settings: I.Record({ controllers: I.Opt(I.Vec(I.Principal)) }),
          sender_canister_version: I.Opt(I.Nat64),
        }),
      ],
      [],
      [],
    ),
  });

/** The backup canister's actor over the deployer's agent (also for safe upgrades: backup_now). */
export function backupCanisterActor(agent: HttpAgent, backupId: string): BackupCanisterActor {
  return Actor.createActor<BackupCanisterActor>(backupWiringIdl, { agent, canisterId: backupId });
}

/** Reads and sets a canister's controllers as the deployer (a controller of it). */
export function agentControllerAccess(agent: HttpAgent): ControllerAccess {
  const actor = (canister: Principal) =>
    Actor.createActor<{
      canister_status(a: {
        canister_id: Principal;
      }): Promise<{ settings: { controllers: Principal[] } }>;
      update_settings(a: unknown): Promise<void>;
    }>(controllersIdl, {
      agent,
      canisterId: Principal.managementCanister(),
      effectiveCanisterId: canister,
    });
  return {
    controllers: async (canister) =>
      (await actor(canister).canister_status({ canister_id: canister })).settings.controllers,
    setControllers: (canister, controllers) =>
      actor(canister).update_settings({
        canister_id: canister,
        settings: { controllers: [controllers] },
        sender_canister_version: [],
      }),
  };
}

/**
 * Deploy's call site: when the deployment has a backup canister, it becomes a controller of every
 * other deployed canister, stores each type's Wasm and protects each canister. Lines to log.
 */
export async function wireBackupCanister(
  agent: HttpAgent,
  deployed: { id: string; type: string; group: string | undefined; shard: string | undefined }[],
  wasmPaths: Map<string, string>,
): Promise<string[]> {
  const backup = deployed.find((canister) => canister.type === BACKUP_TYPE);
  if (backup === undefined) return [];
  const canisters = [];
  for (const canister of deployed) {
    const path = wasmPaths.get(canister.type);
    if (canister.type === BACKUP_TYPE || path === undefined) continue;
    canisters.push({
      id: canister.id,
      type: canister.type,
      ...(canister.group === undefined ? {} : { group: canister.group }),
      ...(canister.shard === undefined ? {} : { shard: canister.shard }),
      wasm: new Uint8Array(await readFile(path)),
    });
  }
  return protectWithBackup({
    backup: backupCanisterActor(agent, backup.id),
    backupId: Principal.fromText(backup.id),
    canisters,
    access: agentControllerAccess(agent),
  });
}
