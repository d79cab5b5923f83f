import { Principal } from '@dfinity/principal';

import { systemTypeComposers } from './system-composition.ts';

/**
 * Every deployed method's instruction budget, keyed `type.method`: `maxInstructions` from
 * canister.yaml or `@limits` (merged as the limits plugin merges them), else the default for
 * its mode. Needs `azle` replaced by core's stub (vi.mock, or `azle-stub-register.mjs` under tsx).
 */
export async function methodBudgets(): Promise<Map<string, bigint>> {
  const budgets = new Map<string, bigint>();
  for (const { compose } of await systemTypeComposers(Principal.anonymous())) {
    const type = compose();
    for (const [method, { budget }] of type.endpoints)
      budgets.set(`${type.name}.${method}`, budget);
  }
  return budgets;
}
