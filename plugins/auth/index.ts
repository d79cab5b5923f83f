import { auth } from './plugin.ts';

export { AUTH, type AuthServices } from './tokens.ts';
export { AUTH_ERROR_CODES, type AuthErrorCode } from './errors.ts';
export { INGRESS_FILTERS, IngressFilters } from './ingress-filters.ts';
export type { Ingress, IngressFilter } from './ingress-filters.ts';
export { callerIsOwner, requireOwner } from './owner.ts';
export { GROUP_MEMBERS_METHOD } from './registry-client.ts';
export type { AuthOptions } from './plugin.ts';
export type { AuditEntry } from './audit-log.ts';
export type { AdminView } from './admin-registry.ts';
export type { GroupCacheView, GroupRefresh } from './group-membership.ts';
export default auth;
