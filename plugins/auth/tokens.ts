import { token } from '../../core/index.ts';
import type { AdminRegistry } from './admin-registry.ts';
import type { AuditLog } from './audit-log.ts';
import type { GroupMembership } from './group-membership.ts';
import type { RegistrySetting } from './registry-setting.ts';

/** The auth plugin's services, for its endpoints and for domain code that needs them. */
export interface AuthServices {
  admins: AdminRegistry;
  audit: AuditLog;
  membership: GroupMembership;
  registry: RegistrySetting;
  auditPageLimit: number;
}

export const AUTH = token<AuthServices>('auth/services');
