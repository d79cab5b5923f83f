import { IDL, type Platform, Principal, type ResultValue } from '../../core/index.ts';

/**
 * The one registry method auth calls: `group_members : (text) -> (Result(vec principal)) query`.
 * The registry canister (canisters/registry) serves it; test/registry checks both ends agree.
 */
export const GROUP_MEMBERS_METHOD = 'group_members';
const GroupMembersReply = IDL.Variant({
  Ok: IDL.Vec(IDL.Principal),
  Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
});

/** Fetches the member principals of a group; rejects with a readable reason. */
export async function fetchGroupMembers(
  platform: Platform,
  registry: Principal,
  group: string,
): Promise<Principal[]> {
  const reply = await platform.call<ResultValue<Principal[]>>(registry, GROUP_MEMBERS_METHOD, {
    paramIdlTypes: [IDL.Text],
    returnIdlType: GroupMembersReply,
    args: [group],
  });
  if ('Err' in reply) throw new Error(`${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok.map((member) => Principal.from(member));
}
