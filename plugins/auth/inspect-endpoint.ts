import { inspectMessage, msgMethodName } from 'azle';

import { ADMIN_CHECK, caller, inject, METHOD_TABLE, platform } from '../../core/index.ts';
import { admitsIngress } from './ingress-filter.ts';

/**
 * Azle's `canister_inspect_message` (one per canister: auth owns it). Returning
 * false drops the ingress message before it is executed or charged.
 */
export class AuthIngressFilter {
  @inspectMessage({ manual: true })
  inspect_message(): boolean {
    const methods = inject(METHOD_TABLE);
    const admins = inject(ADMIN_CHECK);
    return admitsIngress(
      methods[msgMethodName()],
      caller(),
      (who) => platform().isController(who) || admins.isAdmin(who),
    );
  }
}
