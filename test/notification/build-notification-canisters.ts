import { buildModules, type BuiltModule } from '../calendar/build-calendar-canisters.ts';

type Name = 'notification' | 'calendar' | 'registry' | 'load_balancer' | 'backup';

/** Test support: builds the notification canister (and calendar, registry, …) like `icp-calendar build`. */
export function buildNotificationCanisters<N extends Name>(
  names: N[] = ['notification', 'calendar', 'registry'] as N[],
): Promise<Record<N, BuiltModule>> {
  return buildModules(names);
}
