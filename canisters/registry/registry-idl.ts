import { IDL, Result } from '../../core/index.ts';

/** Candid types of the registry's endpoints (shared by the endpoints and their tests). */
export const MemberView = IDL.Record({
  group: IDL.Text,
  canister: IDL.Principal,
  kind: IDL.Text,
  shard: IDL.Opt(IDL.Text),
  added_at: IDL.Nat64,
});
export const MemberInputView = IDL.Record({
  group: IDL.Text,
  canister: IDL.Principal,
  kind: IDL.Text,
  shard: IDL.Opt(IDL.Text),
});
export const GroupView = IDL.Record({
  name: IDL.Text,
  description: IDL.Text,
  created_at: IDL.Nat64,
  created_by: IDL.Principal,
  members: IDL.Vec(MemberView),
});
export const GroupSummary = IDL.Record({ name: IDL.Text, description: IDL.Text, size: IDL.Nat32 });
export const CallVerdict = IDL.Record({ allowed: IDL.Bool, shared_groups: IDL.Vec(IDL.Text) });

export const GroupResult = Result(GroupView);
export const MemberResult = Result(MemberView);
export const MembersResult = Result(IDL.Vec(IDL.Principal));
export const BoolResult = Result(IDL.Bool);
