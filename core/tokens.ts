import type { Principal } from '@dfinity/principal';

import { token } from './di/container.ts';
import type { MethodMetadata } from './decorators/metadata.ts';
import type { HealthRegistry } from './host/health-registry.ts';
import type { Platform } from './platform/platform.ts';
import type { StoreExporter, StoreImporter } from './stores/store-registry.ts';

/** The platform port of this canister. */
export const PLATFORM = token<Platform>('core/platform');
/** The canister's name (its folder under canisters/). */
export const CANISTER_NAME = token<string>('core/canister-name');
/** Export and staged import of every registered stable store (used by backup). */
export const STORES = token<StoreExporter & StoreImporter>('core/stores');
/** Every health check any plugin registered. */
export const HEALTH_CHECKS = token<HealthRegistry>('core/health-checks');

/** Decides `@allow('admin')` beyond controllers (e.g. configured admins). */
export interface AdminCheck {
  isAdmin(principal: Principal): boolean;
}
export const ADMIN_CHECK = token<AdminCheck>('core/admin-check');

/**
 * Where changes of trust (admins, registries, any principal the canister relies on) are
 * recorded; provided by the plugin that keeps the audit log (auth). Optional.
 */
export interface AuditTrail {
  record(actor: Principal, action: string, subject: string): void;
}
export const AUDIT_TRAIL = token<AuditTrail>('core/audit-trail');

/** Decides `@allow('group:<name>')`; provided by the plugin that knows group membership. */
export interface GroupCheck {
  isMember(group: string, principal: Principal): boolean;
}
export const GROUP_CHECK = token<GroupCheck>('core/group-check');

/**
 * What every endpoint of the composed canister declared (`@allow`, `@limits`…), by
 * method name. Provided once the endpoint classes are known (after every setup),
 * so resolve it at call time, e.g. from an `inspect_message` filter.
 */
export const METHOD_TABLE = token<Readonly<Record<string, MethodMetadata>>>('core/method-table');
