import { Actor, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { createActor as createCalendarActor } from '../../web-components/client/generated/calendar-bindings.ts';
import type { Reply } from './registry-actor.ts';
import { unwrap } from './registry-actor.ts';

/** The calendar's and user registry's admin methods that tell each of them about the other. */
export interface CalendarLinkActor {
  get_user_registry(): Promise<[] | [Principal]>;
  set_user_registry(registry: Principal): Promise<Reply<Principal>>;
}

export interface UserRegistryLinkActor {
  get_calendar_canisters(): Promise<Principal[]>;
  set_calendar_canisters(canisters: Principal[]): Promise<Reply<Principal[]>>;
}

export interface LinkActors {
  calendar(id: string): CalendarLinkActor;
  userRegistry(id: string): UserRegistryLinkActor;
}

export interface LinkReport {
  /** One line per link written now, e.g. `calendar_0 → user registry <id>`. */
  written: string[];
  /** Why nothing was linked, when the deployment cannot be linked as it is. */
  skipped?: string;
}

export const CALENDAR_TYPE = 'calendar';
export const USER_REGISTRY_TYPE = 'user_registry';

/**
 * Points every calendar shard at the user registry (the one caller its erase_user_data accepts)
 * and gives the user registry the list of calendar shards (where account deletion erases data).
 * Only differences are written, so a second run makes no update call.
 */
export async function linkCalendarSystem(
  canisters: { id: string; type: string }[],
  actors: LinkActors,
): Promise<LinkReport> {
  const calendars = canisters.filter((canister) => canister.type === CALENDAR_TYPE);
  const registries = canisters.filter((canister) => canister.type === USER_REGISTRY_TYPE);
  if (calendars.length === 0 || registries.length === 0) return { written: [] };
  if (registries.length > 1) {
    return {
      written: [],
      skipped:
        `a calendar accepts account erasure from one user registry; this deployment has ` +
        `${registries.length} (${registries.map((r) => r.id).join(', ')})`,
    };
  }
  const registry = registries[0]!;
  const written: string[] = [];
  for (const calendar of calendars) {
    const actor = actors.calendar(calendar.id);
    const current = await actor.get_user_registry();
    if (current[0]?.toText() === registry.id) continue;
    unwrap(
      await actor.set_user_registry(Principal.fromText(registry.id)),
      `set_user_registry on ${calendar.id}`,
    );
    written.push(`calendar ${calendar.id} → user registry ${registry.id}`);
  }
  const wanted = calendars.map((calendar) => calendar.id);
  const registryActor = actors.userRegistry(registry.id);
  const known = (await registryActor.get_calendar_canisters()).map((id) => id.toText());
  if (known.length !== wanted.length || known.some((id, i) => id !== wanted[i])) {
    unwrap(
      await registryActor.set_calendar_canisters(wanted.map((id) => Principal.fromText(id))),
      `set_calendar_canisters on ${registry.id}`,
    );
    written.push(`user registry ${registry.id} → calendars ${wanted.join(', ')}`);
  }
  return { written };
}

const reply = (I: Parameters<IDL.InterfaceFactory>[0]['IDL'], ok: IDL.Type) =>
  I.Variant({ Ok: ok, Err: I.Record({ code: I.Text, message: I.Text }) });

const userRegistryLinkIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    get_calendar_canisters: I.Func([], [I.Vec(I.Principal)], ['query']),
    set_calendar_canisters: I.Func([I.Vec(I.Principal)], [reply(I, I.Vec(I.Principal))], []),
  });

/** Actors over the agent, for the deploy step. */
export function agentLinkActors(agent: HttpAgent): LinkActors {
  return {
    calendar: (id) => createCalendarActor(id, agent),
    userRegistry: (id) =>
      Actor.createActor<UserRegistryLinkActor>(userRegistryLinkIdl, { agent, canisterId: id }),
  };
}
