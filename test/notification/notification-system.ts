import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { buildNotificationCanisters } from './build-notification-canisters.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Service = Record<string, (...args: any[]) => Promise<any>>;

export const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(71));
const noArgs = new Uint8Array(IDL.encode([], []));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ok(reply: { Ok: any } | { Err: { code: string; message: string } }): any {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}

export interface NotificationSystem {
  network: LocalNetwork;
  registry: Actor<Service>;
  calendar: Actor<Service>;
  notification: Actor<Service>;
  calendarId: Principal;
  notificationId: Principal;
  /** an actor on `canister` for another identity */
  as(canister: 'calendar' | 'notification', identity: Ed25519KeyIdentity): Actor<Service>;
  /** advances the clock and runs rounds until timers and calls settle */
  advance(ms: number): Promise<void>;
  /** installs a canister of group system (registered, its registry set), as deploy would */
  addSystemCanister(
    kind: 'load_balancer' | 'backup',
  ): Promise<{ actor: Actor<Service>; canisterId: Principal }>;
}

/**
 * Test support: registry, one calendar shard (group app) and the notification canister on
 * localnet, wired as deploy wires them, the clock set to `startMs` (else the wall clock's).
 */
export async function startNotificationSystem(startMs?: number): Promise<NotificationSystem> {
  const built = await buildNotificationCanisters();
  const network = await LocalNetwork.create();
  if (startMs !== undefined) await network.setTime(startMs);
  const sender = controller.getPrincipal();
  const setup = async (
    name: 'registry' | 'calendar' | 'notification' | 'load_balancer' | 'backup',
    module = built[name as keyof typeof built],
  ) => {
    const { idlFactory } = await import(module.bindingsPath);
    const { actor, canisterId } = await network.setupCanister<Service>({
      idlFactory,
      wasm: module.wasm,
      arg: noArgs,
      sender,
    });
    actor.setIdentity(controller);
    return { actor, canisterId, idlFactory };
  };
  const registry = await setup('registry');
  const calendar = await setup('calendar');
  const notification = await setup('notification');
  ok(await registry.actor.register_canister_group('app', 'user data'));
  ok(await registry.actor.register_canister_group('system', 'infrastructure'));
  const member = (group: string, canister: Principal, kind: string) =>
    registry.actor.add_canister_to_group({ group, canister, kind, shard: [] });
  ok(await member('app', calendar.canisterId, 'calendar'));
  ok(await member('app', notification.canisterId, 'notification'));
  ok(await notification.actor.auth_set_registry(registry.canisterId));
  ok(await calendar.actor.auth_set_registry(registry.canisterId));
  ok(await calendar.actor.set_notification_canister(notification.canisterId));
  ok(await notification.actor.set_allow_loopback_webhooks(true));
  const advance = async (ms: number) => {
    await network.advanceTime(ms);
    await network.tick(3);
  };
  await advance(35_000); // the auth membership warm-up
  return {
    network,
    registry: registry.actor,
    calendar: calendar.actor,
    notification: notification.actor,
    calendarId: calendar.canisterId,
    notificationId: notification.canisterId,
    as(canister, identity) {
      const target = canister === 'calendar' ? calendar : notification;
      const actor = network.createActor<Service>(target.idlFactory, target.canisterId);
      actor.setIdentity(identity);
      return actor;
    },
    advance,
    async addSystemCanister(kind) {
      const added = await setup(kind, (await buildNotificationCanisters([kind]))[kind]);
      ok(await member('system', added.canisterId, kind));
      ok(await added.actor.auth_set_registry(registry.canisterId));
      await advance(35_000); // the notification canister's group cache sees the new member
      return { actor: added.actor, canisterId: added.canisterId };
    },
  };
}
