import {
  allow,
  AUDIT_TRAIL,
  caller,
  IDL,
  inject,
  injectOptional,
  Principal,
  query,
  update,
} from '../../core/index.ts';
import {
  BoolResult,
  CallVerdict,
  GroupResult,
  GroupSummary,
  MemberInputView,
  MemberResult,
  MembersResult,
  MemberView,
} from './registry-idl.ts';
import type { GroupRegistry } from './group-registry.ts';
import type { MemberRecord } from './registry-model.ts';
import { GROUP_REGISTRY } from './registry-token.ts';

interface MemberInputArg {
  group: string;
  canister: Principal;
  kind: string;
  shard: [] | [string];
}

function memberView(member: MemberRecord) {
  return {
    group: member.group,
    canister: Principal.fromText(member.canister),
    kind: member.kind,
    shard: member.shard === undefined ? ([] as []) : ([member.shard] as [string]),
    added_at: member.addedAt,
  };
}

function groupView(registry: GroupRegistry, name: string) {
  const { group, members } = registry.group(name);
  return {
    name,
    description: group.description,
    created_at: group.createdAt,
    created_by: Principal.fromText(group.createdBy),
    members: members.map(memberView),
  };
}

/**
 * The canister registry's interface. Changes are admin-only (controllers and
 * auth's admins); reads are public: canister principals are no secret, and
 * member canisters refresh their caches through `group_members`.
 */
export class RegistryEndpoints {
  private readonly registry = inject(GROUP_REGISTRY);

  @update([IDL.Text, IDL.Text], GroupResult)
  @allow('admin')
  register_canister_group(name: string, description: string) {
    this.registry.registerGroup(caller(), name, description);
    return groupView(this.registry, name);
  }

  /** Group members are trusted by every canister of the group: controllers only, audited. */
  @update([MemberInputView], MemberResult)
  @allow('controller')
  add_canister_to_group(input: MemberInputArg) {
    const member = this.registry.addMember({
      group: input.group,
      canister: input.canister.toText(),
      kind: input.kind,
      ...(input.shard.length === 1 ? { shard: input.shard[0] } : {}),
    });
    injectOptional(AUDIT_TRAIL)?.record(
      caller(),
      'add_to_group',
      `${input.group} ${member.canister}`,
    );
    return memberView(member);
  }

  @update([IDL.Text, IDL.Principal], MemberResult)
  @allow('controller')
  remove_canister_from_group(group: string, canister: Principal) {
    const member = this.registry.removeMember(group, canister.toText());
    injectOptional(AUDIT_TRAIL)?.record(
      caller(),
      'remove_from_group',
      `${group} ${canister.toText()}`,
    );
    return memberView(member);
  }

  @query([IDL.Text], GroupResult)
  @allow('public')
  list_group(name: string) {
    return groupView(this.registry, name);
  }

  @query([], IDL.Vec(GroupSummary))
  @allow('public')
  list_groups() {
    return this.registry.groupNames().map((name) => {
      const { group, members } = this.registry.group(name);
      return { name, description: group.description, size: members.length };
    });
  }

  /** Every canister of one type, in every group (e.g. all calendar shards). */
  @query([IDL.Text], IDL.Vec(MemberView))
  @allow('public')
  lookup(kind: string) {
    return this.registry.lookup(kind).map(memberView);
  }

  @query([IDL.Text, IDL.Principal], BoolResult)
  @allow('public')
  is_member(group: string, principal: Principal) {
    return this.registry.isMember(group, principal.toText());
  }

  /** The member principals only: what the auth plugin's membership cache fetches. */
  @query([IDL.Text], MembersResult)
  @allow('public')
  group_members(group: string) {
    return this.registry
      .membersOf(this.registry.group(group).name)
      .map((m) => Principal.fromText(m.canister));
  }

  /** Allowed when caller and target are members of one group; decided by principal only. */
  @query([IDL.Principal, IDL.Principal], CallVerdict)
  @allow('public')
  verify_inter_canister_call(callerId: Principal, target: Principal) {
    const shared = this.registry.sharedGroups(callerId.toText(), target.toText());
    return { allowed: shared.length > 0, shared_groups: shared };
  }
}
