import type { Principal } from '@dfinity/principal';

import type { GroupCheck, Platform } from '../../core/index.ts';
import { fetchGroupMembers } from './registry-client.ts';

const NS_PER_SECOND = 1_000_000_000n;

interface CachedGroup {
  members: ReadonlySet<string>;
  fetchedAtNs: bigint;
}

export interface GroupRefresh {
  group: string;
  members?: number;
  error?: string;
}

export interface GroupCacheView {
  group: string;
  members: string[];
  ageSeconds?: bigint;
  lastError?: string;
}

export interface MembershipSettings {
  ttlSeconds: number;
  /** The registry canister, or undefined while none is configured. */
  registry(): Principal | undefined;
  /** The groups worth caching (named by @allow on this canister, plus configured ones). */
  groups(): string[];
}

/**
 * `@allow('group:<name>')` decided by principal against the registry's member
 * lists, cached in the heap. Guards are synchronous, so `isMember` only reads
 * the cache; refreshes run from a timer (and auth_refresh_membership).
 * A group never fetched, or not refreshed within the TTL, admits nobody:
 * the cache fails closed.
 */
export class GroupMembership implements GroupCheck {
  private readonly cache = new Map<string, CachedGroup>();
  private readonly lastErrors = new Map<string, string>();

  constructor(
    private readonly platform: Platform,
    private readonly settings: MembershipSettings,
  ) {}

  isMember(group: string, principal: Principal): boolean {
    const cached = this.cache.get(group);
    if (cached === undefined || !this.isFresh(cached)) return false;
    return cached.members.has(principal.toText());
  }

  /** Fetches every wanted group; one failing group does not stop the others. */
  async refresh(): Promise<GroupRefresh[]> {
    const registry = this.settings.registry();
    const groups = this.settings.groups();
    if (registry === undefined) {
      return groups.map((group) => ({ group, error: 'AUTH_REGISTRY_NOT_SET' }));
    }
    const results: GroupRefresh[] = [];
    for (const group of groups) {
      try {
        const members = await fetchGroupMembers(this.platform, registry, group);
        // Re-checked after the await: an answer from a registry replaced meanwhile is dropped.
        if (this.settings.registry()?.toText() !== registry.toText()) {
          results.push({ group, error: 'AUTH_REGISTRY_UNREACHABLE: the registry changed' });
          continue;
        }
        // Time is read after the await: the answer is as fresh as its arrival.
        this.cache.set(group, {
          members: new Set(members.map((m) => m.toText())),
          fetchedAtNs: this.platform.time(),
        });
        this.lastErrors.delete(group);
        results.push({ group, members: members.length });
      } catch (error) {
        const reason = `AUTH_REGISTRY_UNREACHABLE: ${error instanceof Error ? error.message : String(error)}`;
        this.lastErrors.set(group, reason);
        results.push({ group, error: reason });
      }
    }
    return results;
  }

  /** Drops every cached list (e.g. when the registry changes). */
  forget(): void {
    this.cache.clear();
  }

  view(): GroupCacheView[] {
    const now = this.platform.time();
    return this.settings.groups().map((group) => {
      const cached = this.cache.get(group);
      const lastError = this.lastErrors.get(group);
      return {
        group,
        members: cached === undefined ? [] : [...cached.members],
        ...(cached === undefined ? {} : { ageSeconds: (now - cached.fetchedAtNs) / NS_PER_SECOND }),
        ...(lastError === undefined ? {} : { lastError }),
      };
    });
  }

  private isFresh(cached: CachedGroup): boolean {
    const ttlNs = BigInt(this.settings.ttlSeconds) * NS_PER_SECOND;
    return this.platform.time() - cached.fetchedAtNs <= ttlNs;
  }
}
