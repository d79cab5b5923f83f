import type { Principal } from '@dfinity/principal';

import { type AdminCheck, CanisterError, type StableStore } from '../../core/index.ts';
import type { AuditLog } from './audit-log.ts';

export interface GrantedAdmin {
  grantedBy: string;
  grantedAt: bigint;
}

export interface AdminView {
  principal: string;
  source: 'configured' | 'granted';
}

/**
 * Who `@allow('admin')` admits besides controllers: the principals listed in
 * canister.yaml (fixed) and those granted at run time (stable, audited).
 */
export class AdminRegistry implements AdminCheck {
  private readonly configured: ReadonlySet<string>;

  constructor(
    configured: readonly string[],
    private readonly granted: StableStore<GrantedAdmin>,
    private readonly audit: AuditLog,
    private readonly now: () => bigint,
  ) {
    this.configured = new Set(configured);
  }

  isAdmin(principal: Principal): boolean {
    if (principal.isAnonymous()) return false;
    const text = principal.toText();
    return this.configured.has(text) || this.granted.has(text);
  }

  /** Returns false when the principal already was an admin. */
  grant(actor: Principal, principal: Principal): boolean {
    if (this.isAdmin(principal)) return false;
    if (principal.isAnonymous()) {
      throw new CanisterError('INPUT_INVALID', 'the anonymous principal cannot be an admin', {
        expected: 'a signed-in principal',
        found: principal.toText(),
      });
    }
    this.granted.set(principal.toText(), { grantedBy: actor.toText(), grantedAt: this.now() });
    this.audit.record(actor, 'grant_admin', principal.toText());
    return true;
  }

  /** Returns false when the principal was not a granted admin. */
  revoke(actor: Principal, principal: Principal): boolean {
    const text = principal.toText();
    if (this.configured.has(text)) {
      throw new CanisterError('AUTH_ADMIN_CONFIGURED', `${text} is an admin by canister.yaml`, {
        expected: 'a principal granted with auth_grant_admin',
        found: 'an admin listed in plugins.auth.admins',
      });
    }
    if (this.granted.delete(text) === undefined) return false;
    this.audit.record(actor, 'revoke_admin', text);
    return true;
  }

  list(): AdminView[] {
    const granted = this.granted
      .page(0, this.granted.size())
      .entries.map(([key]) => ({ principal: String(key), source: 'granted' as const }));
    const configured = [...this.configured].map((principal) => ({
      principal,
      source: 'configured' as const,
    }));
    return [...configured, ...granted];
  }
}
