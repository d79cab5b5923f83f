import { Principal } from '@dfinity/principal';

import type { StableStore } from '../../core/index.ts';
import type { AuditLog } from './audit-log.ts';

const REGISTRY_KEY = 'registry';

/** Which canister is the registry: the stored choice of an admin, else canister.yaml's. */
export class RegistrySetting {
  constructor(
    private readonly store: StableStore<string>,
    private readonly configured: string | undefined,
    private readonly audit: AuditLog,
  ) {}

  current(): Principal | undefined {
    const text = this.store.get(REGISTRY_KEY) ?? this.configured;
    return text === undefined ? undefined : Principal.fromText(text);
  }

  set(actor: Principal, registry: Principal): void {
    this.store.set(REGISTRY_KEY, registry.toText());
    this.audit.record(actor, 'set_registry', registry.toText());
  }
}
