import { fileURLToPath } from 'node:url';

import { buildModules, type BuiltModule } from '../calendar/build-calendar-canisters.ts';

/** Test support: builds the notification canister (and calendar, registry) into test/notification/.azle/out. */
export const OUT_ROOT = fileURLToPath(new URL('./.azle/out', import.meta.url));

type Name = 'notification' | 'calendar' | 'registry' | 'load_balancer' | 'backup';

export function buildNotificationCanisters<N extends Name>(
  names: N[] = ['notification', 'calendar', 'registry'] as N[],
): Promise<Record<N, BuiltModule>> {
  return buildModules(names, OUT_ROOT);
}
