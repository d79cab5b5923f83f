import { IDL, type Platform, Principal } from '../../core/index.ts';

/** Calls provisioning makes to the registry, the new shard and the user registry (admin methods). */
const Err = IDL.Record({ code: IDL.Text, message: IDL.Text });
const reply = (ok: IDL.Type) => IDL.Variant({ Ok: ok, Err });
const Member = IDL.Record({ canister: IDL.Principal });
const MemberInput = IDL.Record({
  group: IDL.Text,
  canister: IDL.Principal,
  kind: IDL.Text,
  shard: IDL.Opt(IDL.Text),
});

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

/** Calls an admin method that answers `Result`; an `Err` whose code is in `accept` counts as done. */
export async function adminCall<T>(
  platform: Platform,
  canister: string,
  method: string,
  params: IDL.Type[],
  ok: IDL.Type,
  args: unknown[],
  accept: string[] = [],
): Promise<T | undefined> {
  const result = await platform.call<Reply<T>>(Principal.fromText(canister), method, {
    paramIdlTypes: params,
    returnIdlType: reply(ok),
    args,
  });
  if ('Ok' in result) return result.Ok;
  if (accept.includes(result.Err.code)) return undefined;
  throw new Error(`${method} on ${canister}: ${result.Err.code}: ${result.Err.message}`);
}

/** Points the new shard's auth plugin at the registry (its group checks ask it). */
export const setShardRegistry = (platform: Platform, shard: string, registry: string) =>
  adminCall(platform, shard, 'auth_set_registry', [IDL.Principal], IDL.Null, [
    Principal.fromText(registry),
  ]);

/** Adds the shard to the registry group; already a member counts as done. */
export const registerShard = (
  platform: Platform,
  registry: string,
  group: string,
  shard: string,
  key: string,
) =>
  adminCall(
    platform,
    registry,
    'add_canister_to_group',
    [MemberInput],
    Member,
    [{ group, canister: Principal.fromText(shard), kind: 'calendar', shard: [key] }],
    ['REGISTRY_ALREADY_MEMBER'],
  );

/** Tells the shard which user registry may erase accounts on it. */
export const linkShardToUserRegistry = (platform: Platform, shard: string, userRegistry: string) =>
  adminCall(platform, shard, 'set_user_registry', [IDL.Principal], IDL.Principal, [
    Principal.fromText(userRegistry),
  ]);

/** Adds the shard to the user registry's calendar list (where account deletion erases data). */
export async function linkUserRegistryToShard(
  platform: Platform,
  userRegistry: string,
  shard: string,
): Promise<void> {
  const known = await platform.call<Principal[]>(
    Principal.fromText(userRegistry),
    'get_calendar_canisters',
    { paramIdlTypes: [], returnIdlType: IDL.Vec(IDL.Principal), args: [] },
  );
  if (known.some((p) => p.toText() === shard)) return;
  await adminCall(
    platform,
    userRegistry,
    'set_calendar_canisters',
    [IDL.Vec(IDL.Principal)],
    IDL.Vec(IDL.Principal),
    [[...known, Principal.fromText(shard)]],
  );
}
