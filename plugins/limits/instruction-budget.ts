import type { LimitSet } from './limit-set.ts';

/**
 * A method's instruction budget per call when it declares none (`maxInstructions`): the issue's
 * defaults, well under the IC's limits (40 B per update message, 5 B per query).
 */
export const DEFAULT_INSTRUCTION_BUDGET = {
  update: 5_000_000_000n,
  query: 1_000_000_000n,
} as const;

/** The budget in force: the declared `maxInstructions`, else the default for the call's mode. */
export function instructionBudget(mode: 'query' | 'update', limits: LimitSet): bigint {
  return limits.maxInstructions === undefined
    ? DEFAULT_INSTRUCTION_BUDGET[mode]
    : BigInt(limits.maxInstructions);
}
