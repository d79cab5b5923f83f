import type { Principal } from '@dfinity/principal';

import type { MethodMetadata } from '../../core/index.ts';

/**
 * The early, cheap verdict `canister_inspect_message` gives an ingress update.
 * Never the access check (the call pipeline still runs it); it only drops what
 * can never pass: the anonymous caller on a non-public method, a non-admin on an
 * admin-only method, and any ingress on a group-only method (group members are
 * canisters, and canisters never send ingress).
 */
export function admitsIngress(
  metadata: MethodMetadata | undefined,
  caller: Principal,
  isAdmin: (principal: Principal) => boolean,
  isController: (principal: Principal) => boolean = isAdmin,
): boolean {
  // Not an endpoint of ours (e.g. Azle's own methods): leave it to the call path.
  if (metadata === undefined) return true;
  const levels = metadata.access ?? [];
  if (levels.includes('public')) return true;
  if (caller.isAnonymous()) return false;
  if (levels.includes('user') || levels.includes('owner')) return true;
  if (levels.includes('admin') && isAdmin(caller)) return true;
  return levels.includes('controller') && isController(caller);
}
