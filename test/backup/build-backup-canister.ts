import { buildModules, type BuiltModule } from '../calendar/build-calendar-canisters.ts';

export type { BuiltModule };

/** Test support: builds canister types like `icp-calendar build`. */
export function buildSystemCanisters<N extends string>(
  names: N[],
): Promise<Record<N, BuiltModule>> {
  return buildModules(names);
}
