import { inspectMessage, msgArgData, msgMethodName } from 'azle';

import {
  ADMIN_CHECK,
  caller,
  inject,
  ingressArgumentRefusal,
  METHOD_TABLE,
  platform,
} from '../../core/index.ts';
import { admitsIngress } from './ingress-filter.ts';
import { INGRESS_FILTERS } from './ingress-filters.ts';

/**
 * Azle's `canister_inspect_message` (one per canister: auth owns it). Returning
 * false drops the ingress message before it is executed or charged. Auth's own
 * verdict first, then the filters other plugins registered (limits: size), then
 * core's bounded check that the argument can be decoded at a cost its size allows.
 */
export class AuthIngressFilter {
  @inspectMessage({ manual: true })
  inspect_message(): boolean {
    const method = msgMethodName();
    const metadata = inject(METHOD_TABLE)[method];
    const admins = inject(ADMIN_CHECK);
    const who = caller();
    const isAdmin = (p: typeof who) => platform().isController(p) || admins.isAdmin(p);
    const isController = (p: typeof who) => platform().isController(p);
    if (!admitsIngress(metadata, who, isAdmin, isController)) return false;
    if (!inject(INGRESS_FILTERS).admits({ method, caller: who, metadata })) return false;
    return ingressArgumentRefusal(method, msgArgData()) === undefined;
  }
}
