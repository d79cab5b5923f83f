import {
  allow,
  caller,
  CanisterError,
  IDL,
  inject,
  platform,
  Principal,
  query,
  Result,
  update,
} from '../../core/index.ts';
import type { AuditEntry } from './audit-log.ts';
import { AUTH } from './tokens.ts';

const AdminLine = IDL.Record({ principal: IDL.Principal, source: IDL.Text });
const AuditLine = IDL.Record({
  at: IDL.Nat64,
  actor: IDL.Principal,
  action: IDL.Text,
  subject: IDL.Text,
});
const AuditPage = IDL.Record({ entries: IDL.Vec(AuditLine), next: IDL.Opt(IDL.Nat64) });
const GroupRefreshLine = IDL.Record({
  group: IDL.Text,
  members: IDL.Opt(IDL.Nat32),
  error: IDL.Opt(IDL.Text),
});
const GroupCacheLine = IDL.Record({
  group: IDL.Text,
  members: IDL.Vec(IDL.Principal),
  age_seconds: IDL.Opt(IDL.Nat64),
  last_error: IDL.Opt(IDL.Text),
});

function opt<T>(value: T | undefined): [] | [T] {
  return value === undefined ? [] : [value];
}

function auditLine(entry: AuditEntry) {
  return { ...entry, actor: Principal.fromText(entry.actor) };
}

/**
 * Endpoints of the auth plugin. Changes of trust (admins, the registry) are for controllers
 * only, never for admins granted at run time, and every change is written to the audit log;
 * reading is for admins.
 */
export class AuthEndpoints {
  private readonly auth = inject(AUTH);

  @update([IDL.Principal], Result(IDL.Bool))
  @allow('controller')
  auth_grant_admin(principal: Principal): boolean {
    return this.auth.admins.grant(caller(), principal);
  }

  @update([IDL.Principal], Result(IDL.Bool))
  @allow('controller')
  auth_revoke_admin(principal: Principal): boolean {
    return this.auth.admins.revoke(caller(), principal);
  }

  @query([], Result(IDL.Vec(AdminLine)))
  @allow('admin')
  auth_list_admins() {
    return this.auth.admins
      .list()
      .map(({ principal, source }) => ({ principal: Principal.fromText(principal), source }));
  }

  @query([IDL.Nat64, IDL.Nat32], Result(AuditPage))
  @allow('admin')
  auth_audit_log(start: bigint, limit: number) {
    if (limit === 0 || limit > this.auth.auditPageLimit) {
      throw new CanisterError('AUTH_INVALID_LIMIT', 'auth_audit_log page size out of range', {
        expected: `1..${this.auth.auditPageLimit}`,
        found: String(limit),
      });
    }
    const page = this.auth.audit.page(Number(start), limit);
    return {
      entries: page.entries.map(auditLine),
      next: opt(page.next === undefined ? undefined : BigInt(page.next)),
    };
  }

  /**
   * Points membership at another registry canister. The cached lists are dropped
   * (they came from the old registry) and a refresh is scheduled at once.
   */
  @update([IDL.Principal], Result(IDL.Null))
  @allow('controller')
  auth_set_registry(registry: Principal): null {
    this.auth.registry.set(caller(), registry);
    this.auth.membership.forget();
    platform().setTimer(0, () => void this.auth.membership.refresh());
    return null;
  }

  /** Fetches every wanted group now instead of waiting for the refresh timer. */
  @update([], Result(IDL.Vec(GroupRefreshLine)))
  @allow('admin')
  async auth_refresh_membership() {
    const results = await this.auth.membership.refresh();
    return results.map((r) => ({ group: r.group, members: opt(r.members), error: opt(r.error) }));
  }

  @query([], Result(IDL.Vec(GroupCacheLine)))
  @allow('admin')
  auth_membership() {
    return this.auth.membership.view().map((g) => ({
      group: g.group,
      members: g.members.map((m) => Principal.fromText(m)),
      age_seconds: opt(g.ageSeconds),
      last_error: opt(g.lastError),
    }));
  }
}
