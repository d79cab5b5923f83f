import { buildModules, type BuiltModule } from '../calendar/build-calendar-canisters.ts';

export type { BuiltModule };

export const SYSTEM_TYPES = ['registry', 'load_balancer', 'calendar', 'user_registry'] as const;
export type SystemType = (typeof SYSTEM_TYPES)[number];

/** Test support: builds the canisters a sharded system needs, like `icp-calendar build`. */
export function buildSystemCanisters(
  names: readonly SystemType[] = SYSTEM_TYPES,
): Promise<Record<SystemType, BuiltModule>> {
  return buildModules([...names]);
}
