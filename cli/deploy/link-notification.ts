import { Actor, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import type { Reply } from './registry-actor.ts';
import { unwrap } from './registry-actor.ts';

/** The calendar admin methods that name the notification canister its reminders go to. */
export interface NotificationLinkActor {
  get_notification_canister(): Promise<[] | [Principal]>;
  set_notification_canister(canister: Principal): Promise<Reply<Principal>>;
}

export const NOTIFICATION_TYPE = 'notification';

/**
 * Points every calendar shard at the notification canister (where its reminder changes go).
 * Only differences are written; with no notification canister or more than one, nothing is.
 */
export async function linkNotification(
  canisters: { id: string; type: string }[],
  calendar: (id: string) => NotificationLinkActor,
): Promise<{ written: string[]; skipped?: string }> {
  const targets = canisters.filter((c) => c.type === NOTIFICATION_TYPE);
  if (targets.length === 0) return { written: [] };
  if (targets.length > 1)
    return { written: [], skipped: `one notification canister expected, found ${targets.length}` };
  const target = targets[0]!.id;
  const written: string[] = [];
  for (const shard of canisters.filter((c) => c.type === 'calendar')) {
    const actor = calendar(shard.id);
    if ((await actor.get_notification_canister())[0]?.toText() === target) continue;
    unwrap(
      await actor.set_notification_canister(Principal.fromText(target)),
      `set_notification_canister on ${shard.id}`,
    );
    written.push(`calendar ${shard.id} → notification ${target}`);
  }
  return { written };
}

const notificationLinkIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    get_notification_canister: I.Func([], [I.Opt(I.Principal)], ['query']),
    set_notification_canister: I.Func(
      [I.Principal],
      [I.Variant({ Ok: I.Principal, Err: I.Record({ code: I.Text, message: I.Text }) })],
      [],
    ),
  });

/** Calendar actors over the agent, for the deploy step. */
export function agentNotificationLinks(agent: HttpAgent): (id: string) => NotificationLinkActor {
  return (id) =>
    Actor.createActor<NotificationLinkActor>(notificationLinkIdl, { agent, canisterId: id });
}
