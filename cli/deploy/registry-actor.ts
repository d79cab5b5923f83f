import { Actor, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

export type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

export interface RegistryMember {
  group: string;
  canister: Principal;
  kind: string;
  shard: [] | [string];
  added_at: bigint;
}

/** The registry canister's Candid as a client sees it (see canisters/registry/README.md). */
export interface RegistryService {
  register_canister_group(name: string, description: string): Promise<Reply<unknown>>;
  add_canister_to_group(input: {
    group: string;
    canister: Principal;
    kind: string;
    shard: [] | [string];
  }): Promise<Reply<RegistryMember>>;
  remove_canister_from_group(group: string, canister: Principal): Promise<Reply<RegistryMember>>;
  list_groups(): Promise<{ name: string; description: string; size: number }[]>;
  list_group(name: string): Promise<Reply<{ name: string; members: RegistryMember[] }>>;
  lookup(kind: string): Promise<RegistryMember[]>;
  is_member(group: string, principal: Principal): Promise<Reply<boolean>>;
  group_members(group: string): Promise<Reply<Principal[]>>;
  verify_inter_canister_call(
    caller: Principal,
    target: Principal,
  ): Promise<{ allowed: boolean; shared_groups: string[] }>;
}

export const registryIdlFactory: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Err = I.Record({ code: I.Text, message: I.Text });
  const Result = (ok: IDL.Type) => I.Variant({ Ok: ok, Err });
  const Member = I.Record({
    group: I.Text,
    canister: I.Principal,
    kind: I.Text,
    shard: I.Opt(I.Text),
    added_at: I.Nat64,
  });
  const Group = I.Record({
    name: I.Text,
    description: I.Text,
    created_at: I.Nat64,
    created_by: I.Principal,
    members: I.Vec(Member),
  });
  return I.Service({
    register_canister_group: I.Func([I.Text, I.Text], [Result(Group)], []),
    add_canister_to_group: I.Func(
      [I.Record({ group: I.Text, canister: I.Principal, kind: I.Text, shard: I.Opt(I.Text) })],
      [Result(Member)],
      [],
    ),
    remove_canister_from_group: I.Func([I.Text, I.Principal], [Result(Member)], []),
    list_groups: I.Func(
      [],
      [I.Vec(I.Record({ name: I.Text, description: I.Text, size: I.Nat32 }))],
      ['query'],
    ),
    list_group: I.Func([I.Text], [Result(Group)], ['query']),
    lookup: I.Func([I.Text], [I.Vec(Member)], ['query']),
    is_member: I.Func([I.Text, I.Principal], [Result(I.Bool)], ['query']),
    group_members: I.Func([I.Text], [Result(I.Vec(I.Principal))], ['query']),
    verify_inter_canister_call: I.Func(
      [I.Principal, I.Principal],
      [I.Record({ allowed: I.Bool, shared_groups: I.Vec(I.Text) })],
      ['query'],
    ),
  });
};

export function registryActor(
  agent: HttpAgent,
  canisterId: Principal,
): ActorSubclass<RegistryService> {
  return Actor.createActor<RegistryService>(registryIdlFactory, { agent, canisterId });
}

/** The Ok value, or an Error carrying the canister's code and what the step was doing. */
export function unwrap<T>(reply: Reply<T>, doing: string): T {
  if ('Err' in reply) {
    throw new Error(`${reply.Err.code}: ${doing}: ${reply.Err.message}`);
  }
  return reply.Ok;
}
