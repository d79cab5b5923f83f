import type { HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

/**
 * A query without arguments that each canister type must answer after an upgrade, read as the
 * deployer (a controller). A new canister type adds its own line; a type without one is checked
 * by its health_check alone.
 */
export const SMOKE_QUERIES: Record<string, string> = {
  registry: 'list_groups',
  calendar: 'get_user_registry',
  user_registry: 'get_calendar_canisters',
};

/** The smoke query of `type` as a safe-upgrade hook, or undefined when the type has none. */
export function smokeQueryFor(
  agent: HttpAgent,
  type: string,
): ((canisterId: Principal) => Promise<void>) | undefined {
  const method = SMOKE_QUERIES[type];
  if (method === undefined) return undefined;
  return async (canisterId) => {
    const reply = await agent.query(canisterId, {
      methodName: method,
      arg: IDL.encode([], []),
    });
    if (reply.status !== 'replied') {
      throw new Error(`smoke query ${method} was rejected: ${reply.reject_message}`);
    }
  };
}
