import type { Principal } from '@dfinity/principal';

import type { AuditTrail, Platform, StableStore } from '../../core/index.ts';

/** One admin action, kept in stable memory in the order it happened. */
export interface AuditEntry {
  /** Nanoseconds since the Unix epoch. */
  at: bigint;
  actor: string;
  /** grant_admin, revoke_admin, set_registry, or what another plugin or domain records. */
  action: string;
  subject: string;
}

/** Append-only record of role and setting changes, read by admins a page at a time. */
export class AuditLog implements AuditTrail {
  constructor(
    private readonly store: StableStore<AuditEntry>,
    private readonly platform: Platform,
  ) {}

  record(actor: Principal, action: AuditEntry['action'], subject: string): void {
    const entry: AuditEntry = { at: this.platform.time(), actor: actor.toText(), action, subject };
    this.store.set(BigInt(this.store.size()), entry);
  }

  /** Entries from position `start`, oldest first. */
  page(start: number, limit: number): { entries: AuditEntry[]; next?: number } {
    const page = this.store.page(start, limit);
    const entries = page.entries.map(([, entry]) => entry);
    return page.next === undefined ? { entries } : { entries, next: page.next };
  }

  size(): number {
    return this.store.size();
  }
}
