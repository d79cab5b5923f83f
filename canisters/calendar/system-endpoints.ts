import {
  allow,
  AUDIT_TRAIL,
  caller,
  IDL,
  inject,
  injectOptional,
  Principal,
  query,
  update,
} from '../../core/index.ts';
import { ErasureResult, PrincipalResult } from './calendar-idl.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';

/** Calls from the rest of the system: the user registry erasing a deleted account's data. */
export class SystemEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  /**
   * Names the user registry canister, the only caller erase_user_data accepts: a change of
   * trust, so controllers only (not admins granted at run time), and audited.
   */
  @update([IDL.Principal], PrincipalResult)
  @allow('controller')
  set_user_registry(registry: Principal) {
    const set = this.service.erasure.setRegistry(registry.toText());
    injectOptional(AUDIT_TRAIL)?.record(caller(), 'set_user_registry', set);
    return Principal.fromText(set);
  }

  @query([], IDL.Opt(IDL.Principal))
  @allow('public')
  get_user_registry() {
    const registry = this.service.erasure.registry();
    return registry === undefined ? [] : [Principal.fromText(registry)];
  }

  /** Erases one user's calendars, events, shares and settings in bounded batches (`done` says when). */
  @update([IDL.Principal], ErasureResult)
  @allow('public')
  erase_user_data(user: Principal) {
    return this.service.erasure.erase(caller().toText(), user.toText());
  }
}
