import { readFile } from 'node:fs/promises';

import type { HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { wireBackupCanister } from './backup-wiring.ts';
import { readCanisterIds, writeCanisterIds } from './canister-ids-file.ts';
import { configuredWith, configureFingerprint, recordConfigured } from './configure-record.ts';
import { runConfigureSteps } from './configure-steps.ts';
import type { PlannedCanister } from './deploy-plan.ts';
import {
  createCanister,
  installModule,
  readCanisterState,
  type InstallAction,
  type UpgradeModule,
} from './install-module.ts';

/** Any id of the local subnet: provisional creation is routed by it. */
const FIRST_LOCAL_CANISTER = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');

export interface DeployRequest {
  agent: HttpAgent;
  plan: PlannedCanister[];
  /** Built Wasm of each canister type. */
  wasmPaths: Map<string, string>;
  canisterIdsFile: string;
  /** Key under each name in canister_ids.json (dfx's network name). */
  network: string;
  /** Groups to register in the registry (system.yaml's); default: the groups the plan names. */
  groups?: { name: string; description?: string }[];
  log?: (line: string) => void;
  /** How a missing canister is made; default: provisional creation (local networks only). */
  createCanister?: (planned: PlannedCanister) => Promise<Principal>;
  /** Ids that must be reused (command line), by name; they win over canister_ids.json. */
  givenIds?: Record<string, string>;
  /** The mainnet path: a recorded or given id that the network does not have is an error, not a new canister. */
  requireKnownIds?: boolean;
  /** How a changed module replaces the running one (per canister); default a plain upgrade. */
  upgradeFor?: (planned: PlannedCanister) => UpgradeModule;
  /**
   * Where the inputs of the last configure are recorded (a local network's state folder):
   * with nothing changed since, configuring is skipped. Without it, it always runs.
   */
  configureRecordFile?: string;
}

export interface DeployedCanister {
  name: string;
  type: string;
  group: string | undefined;
  shard: string | undefined;
  id: string;
  created: boolean;
  action: InstallAction;
}

/**
 * Deploys the plan in order: reuses the id recorded for a name while the network still has
 * that canister, else creates one with cycles; installs, upgrades when the Wasm hash changed,
 * skips when unchanged; records ids after each canister (an interrupted deploy resumes).
 * Then configures: groups and members in the registry, the registry id in every auth plugin.
 */
export async function deploySystem(request: DeployRequest): Promise<DeployedCanister[]> {
  const log = request.log ?? (() => undefined);
  const ids = await readCanisterIds(request.canisterIdsFile);
  const deployed: DeployedCanister[] = [];
  const modules: Uint8Array[] = [];
  const noArgs = new Uint8Array(IDL.encode([], []));
  for (const planned of request.plan) {
    const wasmPath = request.wasmPaths.get(planned.type);
    if (wasmPath === undefined)
      throw new Error(`DEPLOY_NO_WASM: expected a built module for ${planned.type}; found none`);
    const started = performance.now();
    const known = request.givenIds?.[planned.name] ?? ids[planned.name]?.[request.network];
    const state =
      known === undefined
        ? undefined
        : await readCanisterState(request.agent, Principal.fromText(known));
    const reusable = state?.exists === true;
    if (known !== undefined && !reusable && request.requireKnownIds) {
      throw new Error(
        `DEPLOY_CANISTER_MISSING: expected canister ${known} (${planned.name}) on ${request.network}; the network does not have it`,
      );
    }
    const canisterId = reusable
      ? Principal.fromText(known)
      : request.createCanister
        ? await request.createCanister(planned)
        : await createCanister(request.agent, FIRST_LOCAL_CANISTER);
    ids[planned.name] = { ...ids[planned.name], [request.network]: canisterId.toText() };
    await writeCanisterIds(request.canisterIdsFile, ids);
    const wasm = new Uint8Array(await readFile(wasmPath));
    modules.push(wasm);
    const action = await installModule(
      request.agent,
      canisterId,
      wasm,
      noArgs,
      request.upgradeFor?.(planned),
      reusable ? state : { moduleHash: undefined },
    );
    const elapsed = Math.round(performance.now() - started);
    log(
      `deploy ${planned.name}: ${reusable ? '' : 'created, '}${action} ${canisterId.toText()} (${elapsed} ms)`,
    );
    deployed.push({
      name: planned.name,
      type: planned.type,
      group: planned.group,
      shard: planned.shard,
      id: canisterId.toText(),
      created: !reusable,
      action,
    });
  }
  await writeCanisterIds(request.canisterIdsFile, ids);
  const record = request.configureRecordFile;
  const fingerprint = configureFingerprint(deployed, request.groups ?? [], modules);
  if (
    record !== undefined &&
    deployed.every((canister) => canister.action === 'unchanged') &&
    (await configuredWith(record, fingerprint))
  ) {
    log(
      'configure: skipped, nothing changed since it last ran (`icp-calendar configure` runs it again)',
    );
    return deployed;
  }
  await configureDeployment(request, deployed, log);
  if (record !== undefined) await recordConfigured(record, fingerprint);
  return deployed;
}

async function configureDeployment(
  request: DeployRequest,
  deployed: DeployedCanister[],
  log: (line: string) => void,
): Promise<void> {
  const planGroups = [...new Set(deployed.flatMap((canister) => canister.group ?? []))];
  const groups = request.groups ?? planGroups.map((name) => ({ name }));
  const wasmPath = async (type: string) => {
    const path = request.wasmPaths.get(type);
    if (path === undefined)
      throw new Error(`DEPLOY_NO_WASM: expected a built module for ${type}; found none`);
    return path;
  };
  await runConfigureSteps({ agent: request.agent, groups, canisters: deployed, wasmPath }, log);
  for (const line of await wireBackupCanister(request.agent, deployed, request.wasmPaths)) {
    log(`configure: ${line}`);
  }
}
