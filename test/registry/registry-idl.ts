import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

export interface MemberLine {
  group: string;
  canister: Principal;
  kind: string;
  shard: [] | [string];
  added_at: bigint;
}

/** The registry canister's Candid as a test client sees it. */
export interface RegistryService {
  register_canister_group(name: string, description: string): Promise<Reply<unknown>>;
  add_canister_to_group(input: {
    group: string;
    canister: Principal;
    kind: string;
    shard: [] | [string];
  }): Promise<Reply<MemberLine>>;
  remove_canister_from_group(group: string, canister: Principal): Promise<Reply<MemberLine>>;
  lookup(kind: string): Promise<MemberLine[]>;
  is_member(group: string, principal: Principal): Promise<Reply<boolean>>;
  group_members(group: string): Promise<Reply<Principal[]>>;
  verify_inter_canister_call(
    caller: Principal,
    target: Principal,
  ): Promise<{ allowed: boolean; shared_groups: string[] }>;
}

export const registryIdlFactory: IDL.InterfaceFactory = ({ IDL }) => {
  const Err = IDL.Record({ code: IDL.Text, message: IDL.Text });
  const Result = (ok: IDL.Type) => IDL.Variant({ Ok: ok, Err });
  const Member = IDL.Record({
    group: IDL.Text,
    canister: IDL.Principal,
    kind: IDL.Text,
    shard: IDL.Opt(IDL.Text),
    added_at: IDL.Nat64,
  });
  const Group = IDL.Record({
    name: IDL.Text,
    description: IDL.Text,
    created_at: IDL.Nat64,
    created_by: IDL.Principal,
    members: IDL.Vec(Member),
  });
  const MemberInput = IDL.Record({
    group: IDL.Text,
    canister: IDL.Principal,
    kind: IDL.Text,
    shard: IDL.Opt(IDL.Text),
  });
  return IDL.Service({
    register_canister_group: IDL.Func([IDL.Text, IDL.Text], [Result(Group)], []),
    add_canister_to_group: IDL.Func([MemberInput], [Result(Member)], []),
    remove_canister_from_group: IDL.Func([IDL.Text, IDL.Principal], [Result(Member)], []),
    lookup: IDL.Func([IDL.Text], [IDL.Vec(Member)], ['query']),
    is_member: IDL.Func([IDL.Text, IDL.Principal], [Result(IDL.Bool)], ['query']),
    group_members: IDL.Func([IDL.Text], [Result(IDL.Vec(IDL.Principal))], ['query']),
    verify_inter_canister_call: IDL.Func(
      [IDL.Principal, IDL.Principal],
      [IDL.Record({ allowed: IDL.Bool, shared_groups: IDL.Vec(IDL.Text) })],
      ['query'],
    ),
  });
};
