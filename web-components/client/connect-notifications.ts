import type { Identity } from '@dfinity/agent';

import { createCalendarAgent, IC_HOST } from './calendar-agent.ts';
import { CanisterNotificationSource } from './canister-notification-source.ts';
import { createActor } from './generated/notification-client-bindings.ts';

/** The signed-in user's inbox on a notification canister, through the shipped bindings. */
export async function connectNotificationCanister(options: {
  canisterId: string;
  /** Empty means the IC. */
  host: string;
  identity: Identity;
}): Promise<CanisterNotificationSource> {
  const agent = await createCalendarAgent(options.host || IC_HOST, options.identity);
  return new CanisterNotificationSource(createActor(options.canisterId, agent));
}
