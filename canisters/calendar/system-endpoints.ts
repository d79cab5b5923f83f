import { allow, caller, IDL, inject, Principal, query, update } from '../../core/index.ts';
import { ErasureResult, PrincipalResult } from './calendar-idl.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';

/** Calls from the rest of the system: the user registry erasing a deleted account's data. */
export class SystemEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  /** Names the user registry canister, the only caller erase_user_data accepts. */
  @update([IDL.Principal], PrincipalResult)
  @allow('admin')
  set_user_registry(registry: Principal) {
    return Principal.fromText(this.service.erasure.setRegistry(registry.toText()));
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
