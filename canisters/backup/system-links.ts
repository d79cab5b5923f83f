import { IDL, type Platform, Principal, Result } from '../../core/index.ts';

const MemberView = IDL.Record({
  group: IDL.Text,
  canister: IDL.Principal,
  kind: IDL.Text,
  shard: IDL.Opt(IDL.Text),
});
type Member = { group: string; canister: Principal; kind: string; shard: [] | [string] };
type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };

/** The method a load balancer offers to move a shard's routing to its recovered canister. */
export const LOAD_BALANCER_REPLACE = 'replace_shard_canister';

function unwrap<T>(reply: Reply<T>, what: string): T {
  if ('Err' in reply) throw new Error(`${what}: ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}

/**
 * After a recovery, everything that named the old canister names the new one: the registry's
 * membership, the user registry's list of calendar shards, the calendar's user registry, the
 * load balancer's shard table. Each change checks first, so running it again changes nothing.
 */
export class SystemLinks {
  constructor(private readonly platform: Platform) {}

  private call<T>(
    canister: Principal,
    method: string,
    params: IDL.Type[],
    args: unknown[],
    returns: IDL.Type,
  ) {
    return this.platform.call<T>(canister, method, {
      paramIdlTypes: params,
      returnIdlType: returns,
      args,
    });
  }

  lookup(registry: Principal, kind: string): Promise<Member[]> {
    return this.call(registry, 'lookup', [IDL.Text], [kind], IDL.Vec(MemberView));
  }

  /** Replaces old by new in every group the old canister belonged to; returns what changed. */
  async reregister(
    registry: Principal,
    kind: string,
    oldId: string,
    newId: string,
    fallback?: { group: string; shard?: string },
  ) {
    const members = await this.lookup(registry, kind);
    const mine = members.filter((m) => m.canister.toText() === oldId);
    const already = members.filter((m) => m.canister.toText() === newId);
    const wanted =
      mine.length > 0
        ? mine
        : fallback === undefined
          ? []
          : [
              {
                group: fallback.group,
                shard: fallback.shard === undefined ? [] : [fallback.shard],
              } as Member,
            ];
    const changes: string[] = [];
    for (const member of wanted) {
      if (!already.some((m) => m.group === member.group)) {
        unwrap(
          await this.call<Reply<unknown>>(
            registry,
            'add_canister_to_group',
            [
              IDL.Record({
                group: IDL.Text,
                canister: IDL.Principal,
                kind: IDL.Text,
                shard: IDL.Opt(IDL.Text),
              }),
            ],
            [
              {
                group: member.group,
                canister: Principal.fromText(newId),
                kind,
                shard: member.shard,
              },
            ],
            Result(MemberView),
          ),
          'add_canister_to_group',
        );
        changes.push(`added to ${member.group}`);
      }
      if (oldId !== newId && mine.includes(member)) {
        unwrap(
          await this.call<Reply<unknown>>(
            registry,
            'remove_canister_from_group',
            [IDL.Text, IDL.Principal],
            [member.group, Principal.fromText(oldId)],
            Result(MemberView),
          ),
          'remove_canister_from_group',
        );
        changes.push(`old removed from ${member.group}`);
      }
    }
    return changes;
  }

  /** The calendar ↔ user registry links (see cli/deploy/link-calendar-system.ts). */
  async relink(registry: Principal, kind: string, oldId: string, newId: string): Promise<string[]> {
    const changes: string[] = [];
    if (kind === 'calendar') {
      for (const member of await this.lookup(registry, 'user_registry')) {
        const users = member.canister;
        const list = await this.call<Principal[]>(
          users,
          'get_calendar_canisters',
          [],
          [],
          IDL.Vec(IDL.Principal),
        );
        if (!list.some((p) => p.toText() === oldId) || oldId === newId) continue;
        const next = list.map((p) => (p.toText() === oldId ? Principal.fromText(newId) : p));
        unwrap(
          await this.call<Reply<unknown>>(
            users,
            'set_calendar_canisters',
            [IDL.Vec(IDL.Principal)],
            [next],
            Result(IDL.Vec(IDL.Principal)),
          ),
          'set_calendar_canisters',
        );
        changes.push(`user registry ${users.toText()} lists ${newId}`);
      }
    }
    if (kind === 'user_registry') {
      for (const member of await this.lookup(registry, 'calendar')) {
        unwrap(
          await this.call<Reply<unknown>>(
            member.canister,
            'set_user_registry',
            [IDL.Principal],
            [Principal.fromText(newId)],
            Result(IDL.Principal),
          ),
          'set_user_registry',
        );
        changes.push(`calendar ${member.canister.toText()} → user registry ${newId}`);
      }
    }
    return changes;
  }

  /** Every load balancer in the registry is told `replace_shard(old, new)`. */
  async repointLoadBalancers(registry: Principal, oldId: string, newId: string): Promise<string[]> {
    const changes: string[] = [];
    if (oldId === newId) return changes;
    for (const member of await this.lookup(registry, 'load_balancer')) {
      unwrap(
        await this.call<Reply<unknown>>(
          member.canister,
          LOAD_BALANCER_REPLACE,
          [IDL.Principal, IDL.Principal],
          [Principal.fromText(oldId), Principal.fromText(newId)],
          Result(IDL.Reserved),
        ),
        LOAD_BALANCER_REPLACE,
      );
      changes.push(`load balancer ${member.canister.toText()} routes to ${newId}`);
    }
    return changes;
  }
}
