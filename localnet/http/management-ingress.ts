import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { NetworkBackend, Rejection } from './backend.ts';
import { freshBytes } from './bytes.ts';
import { badRequest } from './http-problem.ts';

/** Management methods a user may call by ingress only as a controller of the target canister. */
const CONTROLLER_METHODS = new Set([
  'install_code',
  'install_chunked_code',
  'uninstall_code',
  'update_settings',
  'start_canister',
  'stop_canister',
  'canister_status',
  'delete_canister',
  'upload_chunk',
  'clear_chunk_store',
  'stored_chunks',
  'take_canister_snapshot',
  'load_canister_snapshot',
  'list_canister_snapshots',
  'delete_canister_snapshot',
  'read_canister_snapshot_metadata',
  'read_canister_snapshot_data',
  'upload_canister_snapshot_metadata',
  'upload_canister_snapshot_data',
]);

/** Management methods anyone may call by ingress on a local network. */
const OPEN_METHODS = new Set([
  'provisional_create_canister_with_cycles',
  'provisional_top_up_canister',
]);

/** Management methods that need no target canister, so any effective canister id is accepted. */
const ANY_ECID_METHODS = new Set(['provisional_create_canister_with_cycles']);

/** Management methods served as queries (spec: only `fetch_canister_logs`). */
const QUERY_METHODS = new Set(['fetch_canister_logs']);

export const MANAGEMENT_CANISTER = Principal.managementCanister();

export function isManagementCanister(id: Principal): boolean {
  return id.toUint8Array().length === 0;
}

/**
 * Checks an ingress call to `aaaaa-aa` before it is accepted (spec "Effective canister
 * id" and the per-method caller rules). Returns a rejection for the caller, undefined
 * to proceed, and throws a 400 when the URL does not name the target canister.
 */
export function checkManagementIngress(
  call: { methodName: string; arg: Uint8Array; sender: Principal; effectiveCanisterId: Principal },
  backend: NetworkBackend,
): Rejection | undefined {
  const { methodName } = call;
  if (!CONTROLLER_METHODS.has(methodName) && !OPEN_METHODS.has(methodName)) {
    return reject(
      4,
      'IC0406',
      `ic00 method ${methodName} cannot be called by ingress: only canisters may call it, or it does not exist`,
    );
  }
  if (ANY_ECID_METHODS.has(methodName)) return undefined;
  const target = targetCanister(methodName, call.arg);
  checkEffectiveCanisterId(target, call.effectiveCanisterId);
  const view = backend.canister(target);
  if (!view) return reject(3, 'IC0301', `Canister ${target.toText()} not found`);
  if (
    CONTROLLER_METHODS.has(methodName) &&
    !view.controllers.some((c) => c.compareTo(call.sender) === 'eq')
  ) {
    return reject(
      5,
      'IC0512',
      `Only controllers of canister ${target.toText()} can call ic00 method ${methodName}; the caller ${call.sender.toText()} is not one`,
    );
  }
  return undefined;
}

/** Checks a query to `aaaaa-aa`: only `fetch_canister_logs`, addressed through its target. */
export function checkManagementQuery(call: {
  methodName: string;
  arg: Uint8Array;
  effectiveCanisterId: Principal;
}): Rejection | undefined {
  if (!QUERY_METHODS.has(call.methodName)) {
    return reject(4, 'IC0407', `ic00 method ${call.methodName} cannot be called as a query`);
  }
  checkEffectiveCanisterId(targetCanister(call.methodName, call.arg), call.effectiveCanisterId);
  return undefined;
}

export function checkEffectiveCanisterId(target: Principal, effectiveCanisterId: Principal): void {
  if (target.compareTo(effectiveCanisterId) !== 'eq') {
    throw badRequest(
      'LOCALNET_HTTP_EFFECTIVE_CANISTER_ID',
      `Specified CanisterId ${target.toText()} does not match effective canister id in URL ${effectiveCanisterId.toText()}`,
    );
  }
}

function targetCanister(methodName: string, arg: Uint8Array): Principal {
  const field = methodName === 'install_chunked_code' ? 'target_canister' : 'canister_id';
  try {
    const [decoded] = IDL.decode(
      [IDL.Record({ [field]: IDL.Principal })],
      freshBytes(arg),
    ) as unknown as [Record<string, Principal>];
    return decoded[field];
  } catch (error) {
    throw badRequest(
      'LOCALNET_HTTP_MANAGEMENT_ARGUMENT',
      `Could not find the effective canister id: the argument of ic00 method ${methodName} must be a Candid record with field ${field} : principal (${(error as Error).message})`,
    );
  }
}

function reject(
  rejectCode: Rejection['rejectCode'],
  errorCode: string,
  rejectMessage: string,
): Rejection {
  return { status: 'rejected', rejectCode, rejectMessage, errorCode };
}
