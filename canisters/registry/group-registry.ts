import type { Principal } from '@dfinity/principal';

import { CanisterError, type StableStore, type StoreKey } from '../../core/index.ts';
import {
  type GroupRecord,
  MAX_DESCRIPTION_LENGTH,
  MAX_MEMBERS_PER_GROUP,
  MAX_SHARD_LENGTH,
  type MemberInput,
  memberKey,
  type MemberRecord,
  NAME_PATTERN,
} from './registry-model.ts';

const PAGE = 200;

function checkName(what: string, value: string): void {
  if (NAME_PATTERN.test(value)) return;
  throw new CanisterError('REGISTRY_INVALID_NAME', `${what} is not a valid name`, {
    expected: `1-63 characters matching ${NAME_PATTERN.source}`,
    found: JSON.stringify(value.slice(0, 80)),
  });
}

/**
 * Groups of canisters, held in two core stable stores: `groups` (name → group)
 * and `members` (group/principal → membership, indexed by group, canister and type).
 */
export class GroupRegistry {
  constructor(
    private readonly groups: StableStore<GroupRecord>,
    private readonly members: StableStore<MemberRecord>,
    private readonly now: () => bigint,
  ) {}

  registerGroup(actor: Principal, name: string, description: string): GroupRecord {
    checkName('group', name);
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      throw new CanisterError('INPUT_TOO_LONG', 'group description is too long', {
        expected: `at most ${MAX_DESCRIPTION_LENGTH} characters`,
        found: String(description.length),
      });
    }
    if (this.groups.has(name)) {
      throw new CanisterError('REGISTRY_GROUP_EXISTS', `group '${name}' is already registered`);
    }
    const group = { description, createdAt: this.now(), createdBy: actor.toText() };
    this.groups.set(name, group);
    return group;
  }

  addMember(input: MemberInput): MemberRecord {
    this.requireGroup(input.group);
    checkName('canister type', input.kind);
    if (
      input.shard !== undefined &&
      (input.shard.length === 0 || input.shard.length > MAX_SHARD_LENGTH)
    ) {
      throw new CanisterError('REGISTRY_INVALID_SHARD', 'shard key length out of range', {
        expected: `1-${MAX_SHARD_LENGTH} characters`,
        found: String(input.shard.length),
      });
    }
    if (input.canister === '2vxsx-fae') {
      throw new CanisterError(
        'REGISTRY_INVALID_CANISTER',
        'the anonymous principal is no canister',
      );
    }
    const key = memberKey(input.group, input.canister);
    if (this.members.has(key)) {
      throw new CanisterError(
        'REGISTRY_ALREADY_MEMBER',
        `${input.canister} is already in group '${input.group}'`,
      );
    }
    if (this.membersOf(input.group).length >= MAX_MEMBERS_PER_GROUP) {
      throw new CanisterError('REGISTRY_GROUP_FULL', `group '${input.group}' is full`, {
        expected: `at most ${MAX_MEMBERS_PER_GROUP} members`,
        found: String(MAX_MEMBERS_PER_GROUP),
      });
    }
    const member: MemberRecord = { ...input, addedAt: this.now() };
    if (input.shard === undefined) delete member.shard;
    this.members.set(key, member);
    return member;
  }

  removeMember(group: string, canister: string): MemberRecord {
    this.requireGroup(group);
    const removed = this.members.delete(memberKey(group, canister));
    if (removed === undefined) {
      throw new CanisterError('REGISTRY_NOT_MEMBER', `${canister} is not in group '${group}'`);
    }
    return removed;
  }

  group(name: string): { name: string; group: GroupRecord; members: MemberRecord[] } {
    return { name, group: this.requireGroup(name), members: this.membersOf(name) };
  }

  groupNames(): string[] {
    return this.groups.page(0, this.groups.size()).entries.map(([key]) => String(key));
  }

  isMember(group: string, canister: string): boolean {
    this.requireGroup(group);
    return this.members.has(memberKey(group, canister));
  }

  membersOf(group: string): MemberRecord[] {
    return this.findAll('group', group);
  }

  /** Every membership of canisters of one type, across groups. */
  lookup(kind: string): MemberRecord[] {
    return this.findAll('kind', kind);
  }

  /** Groups holding both principals: a call between them is between members of one group. */
  sharedGroups(caller: string, target: string): string[] {
    const targetGroups = new Set(this.findAll('canister', target).map((m) => m.group));
    return this.findAll('canister', caller)
      .map((m) => m.group)
      .filter((g) => targetGroups.has(g))
      .sort();
  }

  private requireGroup(name: string): GroupRecord {
    const group = this.groups.get(name);
    if (group === undefined) {
      throw new CanisterError('REGISTRY_UNKNOWN_GROUP', `no group named '${name}'`, {
        found: JSON.stringify(name.slice(0, 80)),
      });
    }
    return group;
  }

  private findAll(index: string, value: string): MemberRecord[] {
    const found: MemberRecord[] = [];
    let after: StoreKey | undefined;
    for (;;) {
      const page = this.members.findBy(index, value, after, PAGE);
      found.push(...page.entries.map(([, member]) => member));
      if (page.next === undefined) return found;
      after = page.next;
    }
  }
}
